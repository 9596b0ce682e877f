using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Panel.Migrations;

/// <summary>
/// A parsed SQLAlchemy-style database URI, the value of <c>DATABASE_URI</c>:
/// <c>sqlite:///relative/path.db</c> (relative to a base directory), <c>sqlite:////absolute/path.db</c>,
/// <c>sqlite://</c> or <c>sqlite:///:memory:</c> (in memory), <c>postgresql://user:password@host:5432/database</c>
/// (also <c>postgres://</c> and <c>postgresql+driver://</c>) and <c>mysql://user:password@host:3306/database</c>
/// (also <c>mysql+driver://</c> and <c>mariadb://</c>); or the same database as an ADO.NET connection string
/// (<c>Data Source=panel.db</c>, <c>Host=db;Database=panel;Username=u;Password=p</c>,
/// <c>Server=db;Database=panel;User ID=u;Password=p</c>, optionally after <c>postgresql:</c> or <c>mysql:</c>), read into this
/// same model; keys the URI form cannot express are refused.
/// </summary>
/// <remarks>
/// <para>The user name, password, database name (or SQLite path) and query parameters are percent-decoded.
/// The user info ends at the last <c>@</c>, so a password may contain <c>@</c>, <c>:</c>, <c>/</c> or <c>?</c>
/// as they are; the same characters in a user name, and <c>@</c> or <c>?</c> in a database name or query
/// value, must be percent-encoded.</para>
/// <para>The password is never part of a textual form: <see cref="ToString"/>, the debugger display,
/// <see cref="ToMaskedConnectionString"/> and every <see cref="DatabaseUriException"/> message render it as
/// <c>***</c>. Only <see cref="RevealPassword"/> and <see cref="ToConnectionString"/> hand it out.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class DatabaseUri
{
    /// <summary>The default PostgreSQL port, used when the URI names none.</summary>
    public const int DefaultPostgreSqlPort = 5432;

    /// <summary>The default MySQL and MariaDB port, used when the URI names none.</summary>
    public const int DefaultMySqlPort = 3306;

    /// <summary>
    /// The SQLite shared-cache name that every in-memory URI connects to. Each connection of the process
    /// sees the same in-memory database, which lives as long as at least one connection to it is open.
    /// </summary>
    public const string InMemoryDatabaseName = "panel-migrations-memory";

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string? _password;

    internal DatabaseUri(
        DatabaseKind kind,
        string scheme,
        string? host,
        int? port,
        string database,
        string? user,
        string? password,
        IReadOnlyList<KeyValuePair<string, string>> query,
        string? sqliteFilePath)
    {
        Kind = kind;
        Scheme = scheme;
        Host = host;
        Port = port;
        Database = database;
        User = user;
        _password = password;
        QueryParameters = query;
        var dictionary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> pair in query)
        {
            dictionary[pair.Key] = pair.Value;
        }

        Query = dictionary;
        SqliteFilePath = sqliteFilePath;
    }

    /// <summary>The kind of database: SQLite, PostgreSQL or MySQL (MariaDB included).</summary>
    public DatabaseKind Kind { get; }

    /// <summary>The scheme as written, lower-cased, with any <c>+driver</c> suffix (which is otherwise ignored).</summary>
    public string Scheme { get; }

    /// <summary>The server's host name or address (without IPv6 brackets); <see langword="null"/> for SQLite.</summary>
    public string? Host { get; }

    /// <summary>The server's port (5432 or 3306 when the URI names none); <see langword="null"/> for SQLite.</summary>
    public int? Port { get; }

    /// <summary>
    /// The database name for a server; for SQLite the resolved absolute file path, or <c>:memory:</c>.
    /// </summary>
    public string Database { get; }

    /// <summary>The user name, percent-decoded; <see langword="null"/> when the URI names none.</summary>
    public string? User { get; }

    /// <summary>Whether the URI carries a (non-empty) password. Use <see cref="RevealPassword"/> to read it.</summary>
    public bool HasPassword => !string.IsNullOrEmpty(_password);

    /// <summary>
    /// The query parameters (such as <c>sslmode=require</c>), percent-decoded, keyed case-insensitively.
    /// Only parameters the provider understands are accepted; see <see cref="ToConnectionString"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>The query parameters in the order they were written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryParameters { get; }

    /// <summary>
    /// For a SQLite file: its absolute path, resolved against the base directory given to <see cref="Parse"/>.
    /// <see langword="null"/> for an in-memory database and for servers.
    /// </summary>
    public string? SqliteFilePath { get; }

    /// <summary>Whether this is an in-memory SQLite database (<c>sqlite://</c> or <c>sqlite:///:memory:</c>).</summary>
    public bool IsInMemory => Kind == DatabaseKind.Sqlite && SqliteFilePath is null;

    /// <summary>
    /// Parses a database URI. Relative SQLite paths are resolved against <paramref name="baseDirectory"/>,
    /// or against the current directory when it is <see langword="null"/>.
    /// </summary>
    /// <param name="uri">The URI, e.g. <c>postgresql://panel:secret@127.0.0.1:5432/panel</c>, or a connection string, e.g.
    /// <c>Host=127.0.0.1;Database=panel;Username=panel;Password=secret</c>. Surrounding white space is ignored.</param>
    /// <param name="baseDirectory">The directory relative SQLite paths are relative to; default: the current directory.</param>
    /// <returns>The parsed URI.</returns>
    /// <exception cref="DatabaseUriException">The URI is malformed; the message says what is wrong, without the password.</exception>
    public static DatabaseUri Parse(string? uri, string? baseDirectory = null) =>
        DatabaseUriParser.Parse(uri, baseDirectory);

    /// <summary>Tries to parse a database URI, resolving relative SQLite paths against the current directory.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="result">The parsed URI, or <see langword="null"/> when it is malformed.</param>
    /// <returns>Whether <paramref name="uri"/> was a valid database URI.</returns>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out DatabaseUri? result) =>
        TryParse(uri, null, out result);

    /// <summary>Tries to parse a database URI, resolving relative SQLite paths against <paramref name="baseDirectory"/>.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="baseDirectory">The directory relative SQLite paths are relative to; default: the current directory.</param>
    /// <param name="result">The parsed URI, or <see langword="null"/> when it is malformed.</param>
    /// <returns>Whether <paramref name="uri"/> was a valid database URI.</returns>
    public static bool TryParse(string? uri, string? baseDirectory, [NotNullWhen(true)] out DatabaseUri? result)
    {
        try
        {
            result = DatabaseUriParser.Parse(uri, baseDirectory);
            return true;
        }
        catch (DatabaseUriException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>
    /// Returns the password in clear text, or <see langword="null"/> when there is none. Named so that
    /// every read of the secret is deliberate and easy to find; never log what it returns.
    /// </summary>
    /// <returns>The percent-decoded password, or <see langword="null"/>.</returns>
    public string? RevealPassword() => HasPassword ? _password : null;

    /// <summary>
    /// Builds the provider connection string: <c>Microsoft.Data.Sqlite</c> for SQLite (pooled; in memory as the
    /// shared cache <see cref="InMemoryDatabaseName"/>), <c>Npgsql</c> for PostgreSQL (libpq query parameters such as
    /// <c>sslmode</c> mapped), and a <c>Server=...;Port=...;User ID=...;Password=...;Database=...</c> string for
    /// MySQL. It CONTAINS THE PASSWORD: pass it to the provider, never to a log; log
    /// <see cref="ToMaskedConnectionString"/> instead.
    /// </summary>
    /// <returns>The connection string, password included.</returns>
    public string ToConnectionString() => ConnectionStringFactory.Build(this, _password);

    /// <summary>The connection string of <see cref="ToConnectionString"/> with every secret rendered as <c>***</c>, safe to log.</summary>
    /// <returns>The connection string without secrets.</returns>
    public string ToMaskedConnectionString() =>
        ConnectionStringFactory.Build(this, HasPassword ? SecretMasker.Mask : null, maskSecrets: true);

    /// <summary>
    /// The URI in canonical form with the password rendered as <c>***</c>, e.g.
    /// <c>postgresql://panel:***@127.0.0.1:5432/panel</c>; SQLite paths are shown resolved and absolute.
    /// </summary>
    /// <returns>The password-free URI.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(Scheme).Append("://");
        if (Kind == DatabaseKind.Sqlite)
        {
            builder.Append('/').Append(SqliteFilePath is null ? ":memory:" : EscapePath(SqliteFilePath));
        }
        else
        {
            if (User is not null || HasPassword)
            {
                builder.Append(Uri.EscapeDataString(User ?? string.Empty));
                if (HasPassword)
                {
                    builder.Append(':').Append(SecretMasker.Mask);
                }

                builder.Append('@');
            }

            builder.Append(Host!.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)
                .Append(':').Append(Port)
                .Append('/').Append(Uri.EscapeDataString(Database));
        }

        for (int i = 0; i < QueryParameters.Count; i++)
        {
            KeyValuePair<string, string> pair = QueryParameters[i];
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(pair.Key))
                .Append('=')
                .Append(SecretMasker.IsSecretParameter(pair.Key) ? SecretMasker.Mask : Uri.EscapeDataString(pair.Value));
        }

        return builder.ToString();
    }

    private static string EscapePath(string path) =>
        path.Replace("%", "%25", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);
}
