using System;
using System.Collections.Generic;

namespace Panel.Migrations;

/// <summary>What a connection-string key sets in a <see cref="DatabaseUri"/>.</summary>
internal enum ConnectionStringRole
{
    Host,
    Port,
    Database,
    User,
    Password,
    SqlitePath,
    SqliteMode,
    Query,
}

/// <summary>
/// One accepted connection-string key: its spellings (the provider's name first, then its aliases; case and spaces do
/// not matter), what it sets, and for a setting the URI
/// query parameter it becomes, its accepted values (connection-string spelling to URI spelling) or whether it is seconds.
/// </summary>
internal sealed record ConnectionStringKey(
    string[] Names,
    ConnectionStringRole Role,
    string? QueryName = null,
    (string Given, string Uri)[]? Values = null,
    bool IsSeconds = false)
{
    /// <summary>The name shown in messages: the provider's own spelling.</summary>
    public string DisplayName => Names[0];
}

/// <summary>
/// The keys accepted in an ADO.NET connection string (Npgsql's, MySqlConnector's and Microsoft.Data.Sqlite's names and
/// their usual aliases), each mapped onto the part of <see cref="DatabaseUri"/> a URI sets, so both forms reach the same
/// model and the same checks. Any other key is refused: an accepted key is one whose effect the URI form can express.
/// </summary>
internal static class ConnectionStringKeys
{
    /// <summary>Keys that name a SQLite file: with none of Host or Server, they mean SQLite.</summary>
    public static readonly string[] SqliteFileNames = ["Data Source", "Filename"];

    /// <summary>Keys only MySQL's provider uses, which make a <c>Server=</c> string MySQL.</summary>
    public static readonly string[] MySqlOnlyNames =
        ["User ID", "Uid", "User", "Character Set", "CharSet", "Initial Catalog", "Connection Timeout", "Connect Timeout", "SSL CA", "SSL Cert"];

    /// <summary>Keys only PostgreSQL's provider uses, which make a <c>Server=</c> string PostgreSQL.</summary>
    public static readonly string[] PostgreSqlOnlyNames =
        ["Username", "Search Path", "Application Name", "Root Certificate", "SSL Certificate", "Client Encoding", "Target Session Attributes", "PSW"];

    private static readonly ConnectionStringKey[] PostgreSql =
    [
        new(["Host", "Server"], ConnectionStringRole.Host),
        new(["Port"], ConnectionStringRole.Port),
        new(["Database", "DB"], ConnectionStringRole.Database),
        new(["Username", "User ID", "Uid"], ConnectionStringRole.User),
        new(["Password", "PSW", "Pwd"], ConnectionStringRole.Password),
        new(["SSL Mode"], ConnectionStringRole.Query, "sslmode",
            [("Disable", "disable"), ("Allow", "allow"), ("Prefer", "prefer"), ("Require", "require"), ("VerifyCA", "verify-ca"), ("VerifyFull", "verify-full")]),
        new(["Timeout"], ConnectionStringRole.Query, "connect_timeout", IsSeconds: true),
        new(["Application Name"], ConnectionStringRole.Query, "application_name"),
        new(["Options"], ConnectionStringRole.Query, "options"),
        new(["Target Session Attributes"], ConnectionStringRole.Query, "target_session_attrs",
            [("any", "any"), ("read-write", "read-write"), ("read-only", "read-only"), ("primary", "primary"), ("standby", "standby"), ("prefer-standby", "prefer-standby")]),
        new(["Root Certificate"], ConnectionStringRole.Query, "sslrootcert"),
        new(["SSL Certificate"], ConnectionStringRole.Query, "sslcert"),
        new(["SSL Key"], ConnectionStringRole.Query, "sslkey"),
        new(["SSL Password"], ConnectionStringRole.Query, "sslpassword"),
        new(["Client Encoding"], ConnectionStringRole.Query, "client_encoding"),
        new(["Search Path"], ConnectionStringRole.Query, "search_path"),
    ];

    private static readonly ConnectionStringKey[] MySql =
    [
        new(["Server", "Host", "Data Source", "Address", "Addr", "Network Address"], ConnectionStringRole.Host),
        new(["Port"], ConnectionStringRole.Port),
        new(["Database", "Initial Catalog"], ConnectionStringRole.Database),
        new(["User ID", "Uid", "Username", "User"], ConnectionStringRole.User),
        new(["Password", "Pwd"], ConnectionStringRole.Password),
        new(["Character Set", "CharSet"], ConnectionStringRole.Query, "charset"),
        new(["SSL Mode"], ConnectionStringRole.Query, "ssl_mode",
            [("None", "disabled"), ("Disabled", "disabled"), ("Preferred", "preferred"), ("Required", "required"), ("VerifyCA", "verify_ca"), ("VerifyFull", "verify_identity")]),
        new(["Connection Timeout", "Connect Timeout"], ConnectionStringRole.Query, "connect_timeout", IsSeconds: true),
        new(["SSL CA"], ConnectionStringRole.Query, "ssl_ca"),
        new(["SSL Cert"], ConnectionStringRole.Query, "ssl_cert"),
        new(["SSL Key"], ConnectionStringRole.Query, "ssl_key"),
    ];

    private static readonly ConnectionStringKey[] Sqlite =
    [
        new(SqliteFileNames, ConnectionStringRole.SqlitePath),
        new(["Mode"], ConnectionStringRole.SqliteMode, "mode",
            [("ReadWriteCreate", "rwc"), ("ReadWrite", "rw"), ("ReadOnly", "ro"), ("Memory", "memory")]),
        new(["Default Timeout", "Command Timeout"], ConnectionStringRole.Query, "timeout", IsSeconds: true),
    ];

    // Keys a provider does accept but that would weaken a migration run; refused with the reason rather than as unknown.
    private static readonly Dictionary<string, string> Unsafe = new(StringComparer.OrdinalIgnoreCase)
    {
        ["persistsecurityinfo"] = "it keeps the password readable in the open connection",
        ["includeerrordetail"] = "it puts parameter values, which may be secrets, into error messages",
        ["logparameters"] = "it writes parameter values, which may be secrets, into logs",
        ["trustservercertificate"] = "it turns off the check of the server's certificate; use SSL Mode=VerifyFull with a trusted certificate instead",
        ["allowloadlocalinfile"] = "it lets the server read files from this machine",
        ["allowuservariables"] = "it changes how SQL text is read",
        ["integratedsecurity"] = "operating-system sign-in is not supported; give a user name and password",
        ["foreignkeys"] = "the migrations decide when SQLite enforces foreign keys (batch rebuilds turn them off and check them afterwards)",
    };

    /// <summary>The accepted keys of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<ConnectionStringKey> For(DatabaseKind kind) => kind switch
    {
        DatabaseKind.PostgreSql => PostgreSql,
        DatabaseKind.MySql => MySql,
        _ => Sqlite,
    };

    /// <summary>The accepted key spelled <paramref name="name"/>, or null; case and spaces do not matter, as for the providers.</summary>
    public static ConnectionStringKey? Find(DatabaseKind kind, string name)
    {
        foreach (var key in For(kind))
        {
            if (IsAnyOf(name, key.Names))
                return key;
        }
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is one of <paramref name="names"/>, ignoring case and spaces.</summary>
    public static bool IsAnyOf(string name, string[] names) =>
        Array.Exists(names, candidate => Normalize(candidate) == Normalize(name));

    /// <summary>Why a key that a provider accepts is refused here, or null when it is not one of those.</summary>
    public static string? WhyUnsafe(string name) => Unsafe.GetValueOrDefault(Normalize(name));

    /// <summary>The accepted keys of <paramref name="kind"/> by their provider names, for a message.</summary>
    public static string Names(DatabaseKind kind) => string.Join(", ", Array.ConvertAll([.. For(kind)], key => key.DisplayName));

    private static string Normalize(string name) => name.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
