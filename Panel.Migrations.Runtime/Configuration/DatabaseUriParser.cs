using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace Panel.Migrations;

/// <summary>
/// The grammar of <see cref="DatabaseUri"/>: splits, decodes and checks a URI, failing with clear messages; hands an ADO.NET
/// connection string to <see cref="ConnectionStringParser"/>.
/// </summary>
internal static partial class DatabaseUriParser
{
    private const string MemoryPath = ":memory:";

    public static DatabaseUri Parse(string? input, string? baseDirectory)
    {
        string uri = (input ?? string.Empty).Trim();
        if (uri.Length == 0)
        {
            throw new DatabaseUriException("DATABASE_URI is empty. " + DatabaseUriException.ExpectedForms);
        }

        if (ConnectionStringParser.IsConnectionString(uri))
        {
            return ConnectionStringParser.Parse(uri, baseDirectory);
        }

        string echo = SecretMasker.MaskUri(uri);
        int colon = uri.IndexOf(':');
        string scheme = colon > 0 ? uri.Substring(0, colon).ToLowerInvariant() : string.Empty;
        if (scheme.Length == 0 || !IsSchemeText(scheme))
        {
            throw Fail(echo, "has no scheme (such as sqlite://, postgresql:// or mysql://).");
        }

        int plus = scheme.IndexOf('+');
        string baseScheme = plus < 0 ? scheme : scheme.Substring(0, plus);
        DatabaseKind? kind = baseScheme switch
        {
            "sqlite" => DatabaseKind.Sqlite,
            "postgresql" or "postgres" => DatabaseKind.PostgreSql,
            "mysql" or "mariadb" => DatabaseKind.MySql,
            _ => null,
        };
        if (kind is null || (plus >= 0 && !IsDriverName(scheme.AsSpan(plus + 1))))
        {
            throw Fail(echo, $"has an unknown scheme '{scheme}'.");
        }

        string afterColon = uri.Substring(colon + 1);
        if (kind == DatabaseKind.Sqlite)
        {
            return ParseSqlite(scheme, afterColon, echo, baseDirectory);
        }

        if (!afterColon.StartsWith("//", StringComparison.Ordinal))
        {
            throw Fail(echo, $"must have '//' after '{scheme}:'.");
        }

        return ParseServer(kind.Value, scheme, afterColon.Substring(2), echo);
    }

    private static DatabaseUri ParseSqlite(string scheme, string afterColon, string echo, string? baseDirectory)
    {
        // sqlite://            -> in memory
        // sqlite:///:memory:   -> in memory
        // sqlite:///rel/x.db   -> relative
        // sqlite:////abs/x.db  -> absolute
        SplitQuery(afterColon, out string beforeQuery, out string? queryText);
        if (beforeQuery == "//")
        {
            return Sqlite(scheme, null, ParseQuery(queryText, echo), echo);
        }

        if (!beforeQuery.StartsWith("///", StringComparison.Ordinal))
        {
            throw Fail(
                echo,
                $"has the wrong number of slashes after '{scheme}:': a SQLite path needs three slashes for a relative path "
                + "(sqlite:///data/default.db) or four for an absolute one (sqlite:////var/lib/panel/default.db).");
        }

        string path = Decode(beforeQuery.Substring(3));
        IReadOnlyList<KeyValuePair<string, string>> query = ParseQuery(queryText, echo);
        if (path.Length == 0)
        {
            throw Fail(echo, "has no file path; write sqlite:///:memory: for an in-memory database.");
        }

        if (path == MemoryPath)
        {
            return Sqlite(scheme, null, query, echo);
        }

        string resolved;
        try
        {
            string root = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
            resolved = Path.GetFullPath(path, root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DatabaseUriException(
                $"DATABASE_URI '{echo}' has a SQLite path that is not a valid file path. {DatabaseUriException.ExpectedForms}", e);
        }

        return Sqlite(scheme, resolved, query, echo);
    }

    private static DatabaseUri Sqlite(string scheme, string? path, IReadOnlyList<KeyValuePair<string, string>> query, string echo)
    {
        var result = new DatabaseUri(DatabaseKind.Sqlite, scheme, null, null, path ?? MemoryPath, null, null, query, path);
        ConnectionStringFactory.Validate(result, echo);
        return result;
    }

    // The '@' that ends the user info: the last one followed by host[:port]/. A password may hold '@', '/' or '?'
    // unencoded, and a query value may hold '@' too (application_name=ops@panel). Failing that, the last '@', whose
    // errors then say what is missing.
    private static int UserInfoEnd(string rest)
    {
        for (var at = rest.LastIndexOf('@'); at >= 0; at = at == 0 ? -1 : rest.LastIndexOf('@', at - 1))
        {
            var slash = rest.IndexOf('/', at + 1);
            if (slash > at + 1 && HostAndPort().IsMatch(rest.Substring(at + 1, slash - at - 1)))
            {
                return at;
            }
        }

        return rest.LastIndexOf('@');
    }

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.%]+\]|[A-Za-z0-9._,-]+)(:[0-9]*)?$")]
    private static partial Regex HostAndPort();

    private static DatabaseUri ParseServer(DatabaseKind kind, string scheme, string rest, string echo)
    {
        if (rest.StartsWith('/'))
        {
            // "postgresql:///d" or "postgresql:///user@host/d": the authority is empty, whatever follows.
            throw Fail(echo, "has no host name.");
        }

        string? user = null;
        string? password = null;
        int at = UserInfoEnd(rest);
        if (at >= 0)
        {
            string userInfo = rest.Substring(0, at);
            rest = rest.Substring(at + 1);
            int colon = userInfo.IndexOf(':');
            user = Decode(colon < 0 ? userInfo : userInfo.Substring(0, colon));
            password = colon < 0 ? null : Decode(userInfo.Substring(colon + 1));
            if (user.Length == 0)
            {
                user = null;
            }

            if (password is { Length: 0 })
            {
                password = null;
            }
        }

        SplitQuery(rest, out string beforeQuery, out string? queryText);
        int slash = beforeQuery.IndexOf('/');
        string hostPort = slash < 0 ? beforeQuery : beforeQuery.Substring(0, slash);
        string? databaseText = slash < 0 ? null : beforeQuery.Substring(slash + 1);

        string host;
        string? portText = null;
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']');
            if (close < 0)
            {
                throw Fail(echo, "has an IPv6 host without its closing ']'.");
            }

            host = hostPort.Substring(1, close - 1);
            string after = hostPort.Substring(close + 1);
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    throw Fail(echo, "has unexpected text after the IPv6 host's ']'; only ':port' may follow it.");
                }

                portText = after.Substring(1);
            }
        }
        else
        {
            int colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort.Substring(0, colon);
            portText = colon < 0 ? null : hostPort.Substring(colon + 1);
        }

        if (host.Length == 0)
        {
            throw Fail(echo, "has no host name.");
        }

        int port = kind == DatabaseKind.PostgreSql ? DatabaseUri.DefaultPostgreSqlPort : DatabaseUri.DefaultMySqlPort;
        if (portText is not null)
        {
            port = ParsePort(portText, echo);
        }

        string database = databaseText is null ? string.Empty : Decode(databaseText);
        if (database.Length == 0)
        {
            throw Fail(echo, "has no database name; put it after the host, as in host:port/database.");
        }

        var result = new DatabaseUri(kind, scheme, host, port, database, user, password, ParseQuery(queryText, echo), null);
        ConnectionStringFactory.Validate(result, echo);
        return result;
    }

    private static int ParsePort(string text, string echo)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                // Not echoed: without '@', a "port" may be a password whose host was forgotten.
                throw Fail(echo, "has a port that is not a number; the port must be a number from 1 to 65535.");
            }
        }

        if (text.Length == 0
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw Fail(echo, $"has an invalid port '{text}'; the port must be a number from 1 to 65535.");
        }

        return port;
    }

    private static void SplitQuery(string text, out string beforeQuery, out string? query)
    {
        int question = text.IndexOf('?');
        beforeQuery = question < 0 ? text : text.Substring(0, question);
        query = question < 0 ? null : text.Substring(question + 1);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string? text, string echo)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return pairs;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            int equals = part.IndexOf('=');
            string name = DecodeQuery(equals < 0 ? part : part.Substring(0, equals));
            string value = equals < 0 ? string.Empty : DecodeQuery(part.Substring(equals + 1));
            if (name.Length == 0)
            {
                throw Fail(echo, "has a query parameter without a name.");
            }

            if (!seen.Add(name))
            {
                throw Fail(echo, $"has the query parameter '{name}' more than once.");
            }

            pairs.Add(new KeyValuePair<string, string>(name, value));
        }

        return pairs;
    }

    private static bool IsSchemeText(string scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (char c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDriverName(ReadOnlySpan<char> driver)
    {
        if (driver.IsEmpty)
        {
            return false;
        }

        foreach (char c in driver)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text);

    // Like Python's parse_qsl, which SQLAlchemy uses: '+' in a query means a space.
    private static string DecodeQuery(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    internal static DatabaseUriException Fail(string echo, string problem) =>
        new($"DATABASE_URI '{echo}' {problem} {DatabaseUriException.ExpectedForms}");
}
