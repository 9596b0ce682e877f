using Xunit;

namespace Panel.Migrations.Tests.Configuration;

public class DatabaseUriErrorTests
{
    private const string Expected =
        " Expected sqlite:///relative/path.db, sqlite:////absolute/path.db, "
        + "postgresql://user:password@host:5432/database or mysql://user:password@host:3306/database.";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty(string? text) =>
        AssertMessage(text, "DATABASE_URI is empty." + Expected);

    [Fact]
    public void UnknownSchemeMatchesTheDocumentedMessage() =>
        AssertMessage("foo://x", "DATABASE_URI 'foo://x' has an unknown scheme 'foo'." + Expected);

    [Theory]
    [InlineData("oracle://u:pw@h/d", "DATABASE_URI 'oracle://u:***@h/d' has an unknown scheme 'oracle'.")]
    [InlineData("postgresql+://u@h/d", "DATABASE_URI 'postgresql+://u@h/d' has an unknown scheme 'postgresql+'.")]
    [InlineData("mssql+pyodbc://u@h/d", "DATABASE_URI 'mssql+pyodbc://u@h/d' has an unknown scheme 'mssql+pyodbc'.")]
    public void OtherUnknownSchemes(string text, string message) => AssertMessage(text, message + Expected);

    [Theory]
    [InlineData("data/default.db")]
    [InlineData("://u@h/d")]
    [InlineData("1sqlite:///x.db")]
    public void NoScheme(string text) =>
        AssertMessage(text, $"DATABASE_URI '{text}' has no scheme (such as sqlite://, postgresql:// or mysql://)." + Expected);

    [Theory]
    [InlineData("sqlite:/x.db")]
    [InlineData("sqlite:x.db")]
    [InlineData("sqlite://data/x.db")]
    [InlineData("sqlite:")]
    public void SqliteWithWrongSlashes(string text) =>
        AssertMessage(
            text,
            $"DATABASE_URI '{text}' has the wrong number of slashes after 'sqlite:': a SQLite path needs three slashes for a "
            + "relative path (sqlite:///data/default.db) or four for an absolute one (sqlite:////var/lib/panel/default.db)."
            + Expected);

    [Fact]
    public void SqliteWithoutPath() =>
        AssertMessage(
            "sqlite:///",
            "DATABASE_URI 'sqlite:///' has no file path; write sqlite:///:memory: for an in-memory database." + Expected);

    [Theory]
    [InlineData("postgresql:/u:pw@h/d", "postgresql:/u:***@h/d", "postgresql")]
    [InlineData("mysql:u:pw@h/d", "mysql:***@h/d", "mysql")]
    [InlineData("mariadb:/h/d", "mariadb:/h/d", "mariadb")]
    public void ServerWithWrongSlashes(string text, string echo, string scheme) =>
        AssertMessage(text, $"DATABASE_URI '{echo}' must have '//' after '{scheme}:'." + Expected);

    [Theory]
    [InlineData("postgresql://u:pw@h", "DATABASE_URI 'postgresql://u:***@h'")]
    [InlineData("postgresql://u:pw@h/", "DATABASE_URI 'postgresql://u:***@h/'")]
    [InlineData("mysql://u:pw@h:3306", "DATABASE_URI 'mysql://u:***@h:3306'")]
    [InlineData("mysql://h/?charset=utf8", "DATABASE_URI 'mysql://h/?charset=utf8'")]
    public void MissingDatabaseName(string text, string start) =>
        AssertMessage(text, start + " has no database name; put it after the host, as in host:port/database." + Expected);

    [Theory]
    [InlineData("postgresql://u:pw@/d", "DATABASE_URI 'postgresql://u:***@/d'")]
    [InlineData("postgresql:///d", "DATABASE_URI 'postgresql:///d'")]
    [InlineData("postgresql:///u:pw@h/d", "DATABASE_URI 'postgresql:///u:***@h/d'")]
    [InlineData("postgresql://u:pw@:5432/d", "DATABASE_URI 'postgresql://u:***@:5432/d'")]
    [InlineData("mysql://u@:3306/d", "DATABASE_URI 'mysql://u@:3306/d'")]
    public void MissingHost(string text, string start) =>
        AssertMessage(text, start + " has no host name." + Expected);

    // A numeric password with the host left out is not a port: the text before the '@' is the user info.
    [Theory]
    [InlineData("postgresql://user:5432@/db", "DATABASE_URI 'postgresql://user:***@/db'", "5432")]
    [InlineData("postgresql://user:6543@/db", "DATABASE_URI 'postgresql://user:***@/db'", "6543")]
    [InlineData("mysql://u:123@", "DATABASE_URI 'mysql://u:***@'", "123")]
    [InlineData("mysql://u:987@/d", "DATABASE_URI 'mysql://u:***@/d'", "987")]
    public void NumericPasswordWithTheHostLeftOutSaysTheHostIsMissing(string text, string start, string password)
    {
        var message = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse(text, "/srv/panel")).Message;
        Assert.Equal(start + " has no host name." + Expected, message);
        Assert.DoesNotContain(password, message.Replace(Expected, string.Empty, System.StringComparison.Ordinal), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:pw@h:0/d", "DATABASE_URI 'postgresql://u:***@h:0/d' has an invalid port '0';")]
    [InlineData("postgresql://u:pw@h:65536/d", "DATABASE_URI 'postgresql://u:***@h:65536/d' has an invalid port '65536';")]
    [InlineData("mysql://u@h:/d", "DATABASE_URI 'mysql://u@h:/d' has an invalid port '';")]
    [InlineData("mysql://u@h:99999999999/d", "DATABASE_URI 'mysql://u@h:99999999999/d' has an invalid port '99999999999';")]
    public void PortOutOfRange(string text, string start) =>
        AssertMessage(text, start + " the port must be a number from 1 to 65535." + Expected);

    [Theory]
    [InlineData("postgresql://u:pw@h:54x2/d", "DATABASE_URI 'postgresql://u:***@h:54x2/d'")]
    [InlineData("mysql://u@h:-1/d", "DATABASE_URI 'mysql://u@h:-1/d'")]
    public void PortNotANumber(string text, string start) =>
        AssertMessage(text, start + " has a port that is not a number; the port must be a number from 1 to 65535." + Expected);

    [Fact]
    public void ForgottenHostLeavesThePasswordInThePortPlaceAndItIsMasked() =>
        AssertMessage(
            "postgresql://panel:Sup3rSecret/panel",
            "DATABASE_URI 'postgresql://panel:***/panel' has a port that is not a number; the port must be a number from 1 to 65535."
            + Expected);

    [Fact]
    public void UnclosedIPv6Host() =>
        AssertMessage("postgresql://u@[::1/d", "DATABASE_URI 'postgresql://u@[::1/d' has an IPv6 host without its closing ']'." + Expected);

    [Fact]
    public void TextAfterIPv6Host() =>
        AssertMessage(
            "postgresql://u@[::1]x/d",
            "DATABASE_URI 'postgresql://u@[::1]x/d' has unexpected text after the IPv6 host's ']'; only ':port' may follow it." + Expected);

    [Fact]
    public void UnknownPostgreSqlQueryParameter() =>
        AssertMessage(
            "postgresql://u:pw@h/d?sslmod=require",
            "DATABASE_URI 'postgresql://u:***@h/d?sslmod=require' has the query parameter 'sslmod', which PostgreSQL URIs do not "
            + "support; supported: sslmode, connect_timeout, application_name, options, target_session_attrs, sslrootcert, "
            + "sslcert, sslkey, sslpassword, client_encoding, search_path." + Expected);

    [Fact]
    public void UnknownMySqlQueryParameter() =>
        AssertMessage(
            "mysql://u@h/d?autocommit=1",
            "DATABASE_URI 'mysql://u@h/d?autocommit=1' has the query parameter 'autocommit', which MySQL URIs do not support; "
            + "supported: charset, ssl_mode, sslmode, connect_timeout, ssl_ca, ssl_cert, ssl_key." + Expected);

    [Fact]
    public void UnknownSqliteQueryParameter() =>
        AssertMessage(
            "sqlite://?journal=wal",
            "DATABASE_URI 'sqlite://?journal=wal' has the query parameter 'journal', which SQLite URIs do not support; "
            + "supported: mode, timeout, check_same_thread." + Expected);

    [Fact]
    public void InvalidSslMode() =>
        AssertMessage(
            "postgresql://u@h/d?sslmode=always",
            "DATABASE_URI 'postgresql://u@h/d?sslmode=always' has the invalid value 'always' for the query parameter 'sslmode'; "
            + "use one of disable, allow, prefer, require, verify-ca, verify-full." + Expected);

    [Fact]
    public void InvalidMySqlSslMode() =>
        AssertMessage(
            "mysql://u@h/d?ssl_mode=on",
            "DATABASE_URI 'mysql://u@h/d?ssl_mode=on' has the invalid value 'on' for the query parameter 'ssl_mode'; "
            + "use one of disabled, preferred, required, verify_ca, verify_identity." + Expected);

    [Fact]
    public void InvalidTimeout() =>
        AssertMessage(
            "postgresql://u@h/d?connect_timeout=soon",
            "DATABASE_URI 'postgresql://u@h/d?connect_timeout=soon' has the invalid value 'soon' for the query parameter "
            + "'connect_timeout'; use a number of seconds, 0 or more." + Expected);

    [Fact]
    public void DuplicateQueryParameter() =>
        AssertMessage(
            "postgresql://u@h/d?sslmode=require&SSLMODE=disable",
            "DATABASE_URI 'postgresql://u@h/d?sslmode=require&SSLMODE=disable' has the query parameter 'SSLMODE' more than once."
            + Expected);

    [Fact]
    public void QueryParameterWithoutName() =>
        AssertMessage(
            "postgresql://u@h/d?=x",
            "DATABASE_URI 'postgresql://u@h/d?=x' has a query parameter without a name." + Expected);

    [Fact]
    public void ExceptionIsAFormatException()
    {
        var e = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse("foo://x"));
        Assert.IsAssignableFrom<System.FormatException>(e);
    }

    private static void AssertMessage(string? text, string message)
    {
        var e = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse(text, "/srv/panel"));
        Assert.Equal(message, e.Message);
    }
}
