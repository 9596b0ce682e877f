using System;
using System.Data.Common;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Panel.Migrations.Fleet;

/// <summary>
/// One database of a fleet: how to reach it (kept in memory only, never stored or printed), the form shown and stored
/// (its password masked) and a stable key derived from that form, by which a run's state row finds it again.
/// </summary>
public sealed class FleetMember
{
    private FleetMember(MigrationOptions options, string display, string? password)
    {
        Options = options with { DisplayName = display };
        Display = display;
        Password = password;
        Key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(display)), 0, 8).ToLowerInvariant();
    }

    /// <summary>The database as it may be shown and stored: its URI or connection string with the password masked.</summary>
    public string Display { get; }

    /// <summary>16 hex digits of the SHA-256 of <see cref="Display"/>: the same database has the same key in every run.</summary>
    public string Key { get; }

    /// <summary>Where and how to migrate it (holds the password: never log it).</summary>
    public MigrationOptions Options { get; }

    /// <summary>The password, to hide it from messages about this member.</summary>
    internal string? Password { get; }

    /// <summary>
    /// A member from a line of a list: a URI (<c>sqlite:///srv/a/panel.db</c>, <c>postgresql://user:pass@host/db</c>,
    /// <c>mysql://...</c>) or a provider connection string, recognised by its keys: <c>Host=</c> for PostgreSQL,
    /// <c>Server=</c> for MySQL/MariaDB, <c>Data Source=</c> for SQLite.
    /// </summary>
    /// <param name="text">The URI or connection string.</param>
    /// <param name="baseDirectory">What relative SQLite paths are relative to (the current directory by default).</param>
    /// <exception cref="DatabaseUriException">The text is neither a valid URI nor a connection string this method recognises.</exception>
    public static FleetMember Parse(string text, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var uri = DatabaseUri.Parse(text, baseDirectory);
            return new FleetMember(MigrationOptions.FromUri(uri), uri.ToString(), uri.RevealPassword());
        }

        return FromConnectionString(text, baseDirectory);
    }

    /// <summary>A member given by options made in code (a callback's own connection strings).</summary>
    /// <param name="options">The database; its <see cref="MigrationOptions.DisplayName"/> must not hold a password and names the member.</param>
    public static FleetMember FromOptions(MigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        return new FleetMember(options, SecretMasker.MaskText(options.DisplayName), PasswordOf(builder));
    }

    private static FleetMember FromConnectionString(string text, string? baseDirectory)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            throw new DatabaseUriException($"'{SecretMasker.MaskText(text)}' is neither a database URI nor a connection string. {DatabaseUriException.ExpectedForms}");
        }

        var kind = builder.ContainsKey("Host") ? DatabaseKind.PostgreSql
            : builder.ContainsKey("Server") ? DatabaseKind.MySql
            : builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename") ? DatabaseKind.Sqlite
            : throw new DatabaseUriException(
                $"The connection string '{SecretMasker.MaskText(text)}' names no database: use Host= (PostgreSQL), Server= (MySQL/MariaDB) or Data Source= (SQLite), or a URI. {DatabaseUriException.ExpectedForms}");
        if (kind == DatabaseKind.Sqlite)
        {
            if (!Panel.Migrations.Execution.DatabaseSupport.Sqlite)
                throw Panel.Migrations.Execution.DatabaseSupport.NotCarried(kind);
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(text);
            file.DataSource = System.IO.Path.GetFullPath(file.DataSource, baseDirectory ?? Environment.CurrentDirectory);
            builder = new DbConnectionStringBuilder { ConnectionString = file.ConnectionString };
        }

        var password = PasswordOf(builder);
        var masked = new DbConnectionStringBuilder();
        foreach (var key in builder.Keys.Cast<string>().OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
            masked[key] = SecretMasker.IsSecretParameter(key) ? SecretMasker.Mask : builder[key];
        var display = $"{Scheme(kind)}: {masked.ConnectionString}";
        return new FleetMember(new MigrationOptions(kind, builder.ConnectionString), display, password);
    }

    private static string? PasswordOf(DbConnectionStringBuilder builder) =>
        builder.Keys.Cast<string>().Where(SecretMasker.IsSecretParameter).Select(k => builder[k]?.ToString()).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string Scheme(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => "postgresql",
        DatabaseKind.MySql => "mysql",
        _ => "sqlite",
    };

    /// <inheritdoc />
    public override string ToString() => Display;
}
