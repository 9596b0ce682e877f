using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Panel.Migrations.Execution;

namespace Panel.Migrations;

/// <summary>
/// Turns a <see cref="DatabaseUri"/> into a provider connection string, mapping the query parameters each
/// provider understands (libpq's names for PostgreSQL, PyMySQL's for MySQL, pysqlite's for SQLite) and
/// rejecting the others with a clear message, at parse time.
/// </summary>
internal static class ConnectionStringFactory
{
    private static readonly string[] SqliteParameters = ["mode", "timeout", "check_same_thread"];

    private static readonly string[] PostgreSqlParameters =
    [
        "sslmode", "connect_timeout", "application_name", "options", "target_session_attrs",
        "sslrootcert", "sslcert", "sslkey", "sslpassword", "client_encoding", "search_path",
    ];

    private static readonly string[] MySqlParameters =
        ["charset", "ssl_mode", "sslmode", "connect_timeout", "ssl_ca", "ssl_cert", "ssl_key"];

    /// <summary>Checks that every query parameter is known and has a valid value; throws otherwise.</summary>
    public static void Validate(DatabaseUri uri, string echo) => Build(uri, null, maskSecrets: true, echo);

    /// <summary>Builds the connection string with <paramref name="password"/> as the password.</summary>
    public static string Build(DatabaseUri uri, string? password, bool maskSecrets = false, string? echo = null)
    {
        echo ??= uri.ToString();
        return uri.Kind switch
        {
            DatabaseKind.Sqlite => DatabaseSupport.Sqlite ? BuildSqlite(uri, echo) : throw DatabaseSupport.NotCarried(uri.Kind),
            DatabaseKind.PostgreSql => DatabaseSupport.PostgreSql ? BuildPostgreSql(uri, password, maskSecrets, echo) : throw DatabaseSupport.NotCarried(uri.Kind),
            _ => DatabaseSupport.MySql ? BuildMySql(uri, password, echo) : throw DatabaseSupport.NotCarried(uri.Kind),
        };
    }

    private static string BuildSqlite(DatabaseUri uri, string echo)
    {
        var builder = new SqliteConnectionStringBuilder { Pooling = true };
        if (uri.IsInMemory)
        {
            builder.DataSource = DatabaseUri.InMemoryDatabaseName;
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            builder.DataSource = uri.SqliteFilePath;
        }

        foreach (KeyValuePair<string, string> pair in uri.QueryParameters)
        {
            switch (Known(pair.Key, SqliteParameters, "SQLite", echo))
            {
                case "mode":
                    SqliteOpenMode mode = OneOf(pair, echo, ("ro", SqliteOpenMode.ReadOnly), ("rw", SqliteOpenMode.ReadWrite), ("rwc", SqliteOpenMode.ReadWriteCreate));
                    if (!uri.IsInMemory)
                    {
                        builder.Mode = mode;
                    }

                    break;
                case "timeout":
                    builder.DefaultTimeout = Seconds(pair, echo);
                    break;
                default:
                    // check_same_thread is a Python sqlite3 setting with no meaning here; accepted so old URIs keep working.
                    break;
            }
        }

        return builder.ConnectionString;
    }

    private static string BuildPostgreSql(DatabaseUri uri, string? password, bool maskSecrets, string echo)
    {
        // Npgsql's keywords through DbConnectionStringBuilder, as for MySQL: the driver lives in Panel.Migrations.PostgreSql.
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = uri.Host,
            ["Port"] = uri.Port!.Value.ToString(CultureInfo.InvariantCulture),
            ["Database"] = uri.Database,
        };
        if (uri.User is not null)
        {
            builder["Username"] = uri.User;
        }

        if (password is not null)
        {
            builder["Password"] = password;
        }

        foreach (KeyValuePair<string, string> pair in uri.QueryParameters)
        {
            string value = pair.Value;
            switch (Known(pair.Key, PostgreSqlParameters, "PostgreSQL", echo))
            {
                case "sslmode":
                    builder["SSL Mode"] = OneOf(
                        pair, echo, ("disable", "Disable"), ("allow", "Allow"), ("prefer", "Prefer"),
                        ("require", "Require"), ("verify-ca", "VerifyCA"), ("verify-full", "VerifyFull"));
                    break;
                case "connect_timeout":
                    builder["Timeout"] = Math.Min(Seconds(pair, echo), 1024).ToString(CultureInfo.InvariantCulture);
                    break;
                case "application_name":
                    builder["Application Name"] = value;
                    break;
                case "options":
                    builder["Options"] = value;
                    break;
                case "target_session_attrs":
                    builder["Target Session Attributes"] = OneOf(
                        pair, echo, ("any", "any"), ("read-write", "read-write"), ("read-only", "read-only"),
                        ("primary", "primary"), ("standby", "standby"), ("prefer-standby", "prefer-standby"));
                    break;
                case "sslrootcert":
                    builder["Root Certificate"] = value;
                    break;
                case "sslcert":
                    builder["SSL Certificate"] = value;
                    break;
                case "sslkey":
                    builder["SSL Key"] = value;
                    break;
                case "sslpassword":
                    builder["SSL Password"] = maskSecrets ? SecretMasker.Mask : value;
                    break;
                case "client_encoding":
                    builder["Client Encoding"] = value;
                    break;
                default:
                    builder["Search Path"] = value;
                    break;
            }
        }

        return builder.ConnectionString;
    }

    private static string BuildMySql(DatabaseUri uri, string? password, string echo)
    {
        // MySqlConnector lives in Panel.Migrations.MySql; DbConnectionStringBuilder quotes values by the ADO.NET rules it reads.
        var builder = new DbConnectionStringBuilder
        {
            ["Server"] = uri.Host,
            ["Port"] = uri.Port!.Value.ToString(CultureInfo.InvariantCulture),
        };
        if (uri.User is not null)
        {
            builder["User ID"] = uri.User;
        }

        if (password is not null)
        {
            builder["Password"] = password;
        }

        builder["Database"] = uri.Database;
        foreach (KeyValuePair<string, string> pair in uri.QueryParameters)
        {
            string value = pair.Value;
            switch (Known(pair.Key, MySqlParameters, "MySQL", echo))
            {
                case "charset":
                    builder["Character Set"] = value;
                    break;
                case "ssl_mode" or "sslmode":
                    builder["SSL Mode"] = OneOf(
                        pair, echo,
                        ("disabled", "None"), ("preferred", "Preferred"), ("required", "Required"),
                        ("verify_ca", "VerifyCA"), ("verify_identity", "VerifyFull"));
                    break;
                case "connect_timeout":
                    builder["Connection Timeout"] = Seconds(pair, echo).ToString(CultureInfo.InvariantCulture);
                    break;
                case "ssl_ca":
                    builder["SSL CA"] = value;
                    break;
                case "ssl_cert":
                    builder["SSL Cert"] = value;
                    break;
                default:
                    builder["SSL Key"] = value;
                    break;
            }
        }

        return builder.ConnectionString;
    }

    private static string Known(string name, string[] supported, string provider, string echo)
    {
        foreach (string candidate in supported)
        {
            if (candidate.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw DatabaseUriParser.Fail(
            echo, $"has the query parameter '{name}', which {provider} URIs do not support; supported: {string.Join(", ", supported)}.");
    }

    private static T OneOf<T>(KeyValuePair<string, string> pair, string echo, params (string Text, T Value)[] choices)
    {
        var names = new string[choices.Length];
        for (int i = 0; i < choices.Length; i++)
        {
            // MySQL writes VERIFY_CA, the MySQL command line also verify-ca: '-' and '_' are the same here.
            if (choices[i].Text.Replace('-', '_').Equals(pair.Value.Replace('-', '_'), StringComparison.OrdinalIgnoreCase))
            {
                return choices[i].Value;
            }

            names[i] = choices[i].Text;
        }

        throw DatabaseUriParser.Fail(
            echo, $"has the invalid value '{pair.Value}' for the query parameter '{pair.Key}'; use one of {string.Join(", ", names)}.");
    }

    private static int Seconds(KeyValuePair<string, string> pair, string echo)
    {
        if (double.TryParse(pair.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && seconds >= 0 && seconds <= int.MaxValue)
        {
            return (int)Math.Ceiling(seconds);
        }

        throw InvalidSeconds(pair, echo);
    }

    private static DatabaseUriException InvalidSeconds(KeyValuePair<string, string> pair, string echo) =>
        DatabaseUriParser.Fail(
            echo, $"has the invalid value '{pair.Value}' for the query parameter '{pair.Key}'; use a number of seconds, 0 or more.");
}
