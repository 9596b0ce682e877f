using System;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Fleet;

/// <summary>
/// Names what went wrong with one database in a word a report can group by (<c>unreachable</c>, <c>authentication</c>,
/// <c>missing</c>, <c>refused</c>, <c>locked</c>, <c>migration</c>, <c>error</c>), and makes its message safe to store.
/// </summary>
public static class FleetErrors
{
    /// <summary>The kind and the stored message (passwords masked) of <paramref name="error"/>, raised for <paramref name="member"/>.</summary>
    public static (string Kind, string Message) Describe(Exception error, FleetMember member)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(member);
        return (Kind(error), SecretMasker.MaskText(error.Message, member.Password));
    }

    private static string Kind(Exception error)
    {
        if (error is MigrationRefusedException)
            return "refused";
        if (error.Message.Contains("held the lock", StringComparison.Ordinal) || error.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase))
            return "locked";
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            // Each server provider names its driver's errors; SQLite's behind its switch, so that a trimmed app leaves it out.
            foreach (var kind in ServerKinds)
            {
                if (DatabaseProviders.Has(kind) && DatabaseProviders.For(kind).FailureKind(inner) is { } named)
                    return named;
            }

            if (DatabaseSupport.Sqlite && SqliteKind(inner) is { } sqlite)
                return sqlite;
            if (inner is SocketException or TimeoutException)
                return "unreachable";
        }

        return error is MigrationException ? "migration" : "error";
    }

    private static readonly DatabaseKind[] ServerKinds = [DatabaseKind.PostgreSql, DatabaseKind.MySql];

    private static string? SqliteKind(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: 14 } => "missing", // SQLITE_CANTOPEN
        SqliteException { SqliteErrorCode: 5 or 6 } => "locked", // SQLITE_BUSY, SQLITE_LOCKED
        _ => null,
    };

    /// <summary>
    /// <paramref name="message"/> with the database's own names (its display form, its file or database name) replaced by
    /// <c>{database}</c>, so that the same failure on many databases makes one group.
    /// </summary>
    public static string Generalize(string message, string display)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(display);
        message = message.Replace(display, "{database}", StringComparison.Ordinal);
        if (DatabaseUri.TryParse(display, out var uri))
        {
            var name = uri.SqliteFilePath ?? uri.Database;
            if (name.Length >= 3)
                message = Regex.Replace(message, $"(?<![\\w/.-]){Regex.Escape(name)}(?![\\w/.-])", "{database}", RegexOptions.CultureInvariant);
        }

        return message;
    }
}
