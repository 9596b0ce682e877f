using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;

namespace Panel.Migrations;

/// <summary>
/// Reads an ADO.NET connection string (<c>Data Source=panel.db</c>, <c>Host=db;Database=panel;Username=u;Password=p</c>,
/// <c>Server=db;Database=panel;User ID=u;Password=p</c>) into the same <see cref="DatabaseUri"/> a URI gives, with
/// <see cref="DbConnectionStringBuilder"/> only (no provider types). The kind comes from the keys, or from a hint written
/// before the string the way a URI's scheme is: <c>mysql: Server=db;Database=panel</c>. Unknown and unsafe keys are refused;
/// no message shows a password or the value of a key it does not know.
/// </summary>
internal static class ConnectionStringParser
{
    /// <summary>The accepted forms, appended to every message about a connection string.</summary>
    public const string ExpectedForms =
        "Expected Data Source=path.db (SQLite), Host=host;Database=database;Username=user;Password=*** (PostgreSQL) "
        + "or Server=host;Database=database;User ID=user;Password=*** (MySQL/MariaDB), optionally after postgresql: or mysql:, "
        + "or a URI such as postgresql://user:password@host:5432/database.";

    /// <summary>
    /// Whether <paramref name="text"/> is a connection string rather than a URI: its first <c>=</c> comes before any
    /// <c>:</c>, after an optional hint such as <c>postgresql:</c> (never followed by <c>/</c>, which makes it a URI).
    /// </summary>
    public static bool IsConnectionString(string text) => TrySplit(text, out _, out _);

    /// <summary>Parses a connection string that <see cref="IsConnectionString"/> accepted.</summary>
    /// <exception cref="DatabaseUriException">The string is malformed, ambiguous, or has a key that is not accepted.</exception>
    public static DatabaseUri Parse(string text, string? baseDirectory)
    {
        TrySplit(text, out var hint, out var body);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = body;
        }
        catch (ArgumentException error)
        {
            // The builder's message gives a position, never a value; the input is not echoed, it may hold a password.
            throw new DatabaseUriException(
                $"DATABASE_URI is not a valid connection string ({error.Message.TrimEnd('.')}). Write key=value pairs separated by ';', "
                + $"and put a value that holds ';', a quote or leading spaces in single or double quotes. {ExpectedForms}", error);
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string key in builder.Keys)
            pairs.Add(new(key, Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? string.Empty));
        var echo = Echo(pairs);
        var kind = hint?.Kind ?? KindOf(pairs, echo);
        return Read(kind, hint?.Scheme ?? SchemeOf(kind), pairs, echo, baseDirectory);
    }

    private static DatabaseUri Read(DatabaseKind kind, string scheme, List<KeyValuePair<string, string>> pairs, string echo, string? baseDirectory)
    {
        string? host = null, database = null, user = null, password = null, path = null;
        int? port = null;
        var inMemory = false;
        var query = new List<KeyValuePair<string, string>>();
        var seen = new Dictionary<ConnectionStringKey, string>();
        foreach (var (name, value) in pairs)
        {
            var key = ConnectionStringKeys.Find(kind, name) ?? throw Refused(kind, name, echo);
            if (!seen.TryAdd(key, name))
                throw Fail(echo, $"gives {key.DisplayName} twice, as '{seen[key]}' and '{name}'; keep one.");
            switch (key.Role)
            {
                case ConnectionStringRole.Host:
                    host = value.Trim();
                    break;
                case ConnectionStringRole.Port:
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
                        ? number
                        : throw Fail(echo, $"has the invalid port '{value}'; the port must be a number from 1 to 65535.");
                    break;
                case ConnectionStringRole.Database:
                    database = value;
                    break;
                case ConnectionStringRole.User:
                    user = value.Length == 0 ? null : value;
                    break;
                case ConnectionStringRole.Password:
                    password = value.Length == 0 ? null : value;
                    break;
                case ConnectionStringRole.SqlitePath:
                    path = value;
                    break;
                default:
                    var uriValue = Translate(key, value, echo);
                    if (key.Role == ConnectionStringRole.SqliteMode && uriValue == "memory")
                        inMemory = true;
                    else
                        query.Add(new(key.QueryName!, uriValue));
                    break;
            }
        }

        DatabaseUri result;
        if (kind == DatabaseKind.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(path) && !inMemory)
                throw Fail(echo, "names no SQLite file; write Data Source=path.db, or Data Source=:memory: for an in-memory database.");
            var file = inMemory || path == ":memory:" ? null : Resolve(path!, echo, baseDirectory);
            result = new DatabaseUri(kind, scheme, null, null, file ?? ":memory:", null, null, query, file);
        }
        else
        {
            var hostKey = ConnectionStringKeys.For(kind)[0].DisplayName;
            if (string.IsNullOrEmpty(host))
                throw Fail(echo, $"names no server; add {hostKey}=host.");
            if (string.IsNullOrEmpty(database))
                throw Fail(echo, "names no database; add Database=name.");
            result = new DatabaseUri(kind, scheme, host, port ?? (kind == DatabaseKind.PostgreSql ? DatabaseUri.DefaultPostgreSqlPort : DatabaseUri.DefaultMySqlPort), database, user, password, query, null);
        }

        ConnectionStringFactory.Validate(result, echo);
        return result;
    }

    private static DatabaseKind KindOf(List<KeyValuePair<string, string>> pairs, string echo)
    {
        bool Has(params string[] names) => pairs.Exists(pair => ConnectionStringKeys.IsAnyOf(pair.Key, names));
        if (Has("Host"))
            return DatabaseKind.PostgreSql;
        if (Has("Server"))
        {
            bool mySql = Has(ConnectionStringKeys.MySqlOnlyNames), postgreSql = Has(ConnectionStringKeys.PostgreSqlOnlyNames);
            return mySql && !postgreSql ? DatabaseKind.MySql
                : postgreSql && !mySql ? DatabaseKind.PostgreSql
                : throw Fail(
                    echo,
                    (mySql ? "mixes keys of PostgreSQL and MySQL" : "names a Server but no key that only PostgreSQL or only MySQL uses")
                    + ", so which server it is is unclear: write Host= for PostgreSQL or User ID= for MySQL, or put the kind before it, "
                    + "as in mysql: Server=db;Database=panel or postgresql: Server=db;Database=panel.");
        }

        return Has(ConnectionStringKeys.SqliteFileNames)
            ? DatabaseKind.Sqlite
            : throw Fail(echo, "names no database server or file: write Host= (PostgreSQL), Server= with User ID= (MySQL/MariaDB) or Data Source= (SQLite).");
    }

    private static string Translate(ConnectionStringKey key, string value, string echo)
    {
        if (key.IsSeconds)
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= int.MaxValue
                ? value.Trim()
                : throw Fail(echo, $"has the invalid value '{value}' for {key.DisplayName}; use a number of seconds, 0 or more.");
        }

        if (key.Values is null)
            return value;
        foreach (var (given, uri) in key.Values)
        {
            if (given.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase) || uri.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
                return uri;
        }

        throw Fail(echo, $"has the invalid value '{value}' for {key.DisplayName}; use one of {string.Join(", ", Array.ConvertAll(key.Values, v => v.Given))}.");
    }

    private static string Resolve(string path, string echo, string? baseDirectory)
    {
        try
        {
            return Path.GetFullPath(path, Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DatabaseUriException($"DATABASE_URI '{echo}' has a Data Source that is not a valid file path. {ExpectedForms}", e);
        }
    }

    private static DatabaseUriException Refused(DatabaseKind kind, string name, string echo) =>
        ConnectionStringKeys.WhyUnsafe(name) is { } why
            ? Fail(echo, $"has the key '{name}', which is refused: {why}.")
            : Fail(echo, $"has the key '{name}', which {Provider(kind)} connection strings do not take here; accepted: {ConnectionStringKeys.Names(kind)}.");

    // Only the values of keys some provider takes and that are not secrets are shown: a password typed under a wrong key stays hidden.
    private static string Echo(List<KeyValuePair<string, string>> pairs)
    {
        var masked = new DbConnectionStringBuilder();
        foreach (var (name, value) in pairs)
            masked[name] = IsShown(name) ? value : SecretMasker.Mask;
        return masked.ConnectionString;
    }

    private static bool IsShown(string name)
    {
        if (SecretMasker.IsSecretParameter(name))
            return false;
        foreach (var kind in (DatabaseKind[])[DatabaseKind.Sqlite, DatabaseKind.PostgreSql, DatabaseKind.MySql])
        {
            if (ConnectionStringKeys.Find(kind, name) is { Role: not ConnectionStringRole.Password })
                return true;
        }
        return false;
    }

    private static bool TrySplit(string text, out (DatabaseKind Kind, string Scheme)? hint, out string body)
    {
        hint = null;
        body = text;
        int equals = text.IndexOf('=');
        int colon = text.IndexOf(':');
        if (equals < 0)
            return false;
        if (colon < 0 || colon > equals)
            return true;
        string scheme = text[..colon].Trim().ToLowerInvariant();
        string rest = text[(colon + 1)..].TrimStart();
        DatabaseKind? kind = scheme switch
        {
            "sqlite" => DatabaseKind.Sqlite,
            "postgresql" or "postgres" => DatabaseKind.PostgreSql,
            "mysql" or "mariadb" => DatabaseKind.MySql,
            _ => null,
        };
        if (kind is null || rest.StartsWith('/') || !TrySplit(rest, out var inner, out _) || inner is not null)
            return false;
        hint = (kind.Value, scheme);
        body = rest;
        return true;
    }

    private static string SchemeOf(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => "postgresql",
        DatabaseKind.MySql => "mysql",
        _ => "sqlite",
    };

    private static string Provider(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => "PostgreSQL",
        DatabaseKind.MySql => "MySQL",
        _ => "SQLite",
    };

    private static DatabaseUriException Fail(string echo, string problem) =>
        new($"DATABASE_URI '{echo}' is a connection string that {problem} {ExpectedForms}");
}
