using System.Data.Common;
using System.Linq;
using Npgsql;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

public class DatabaseUriServerTests
{
    [Fact]
    public void PostgreSqlWithEverything()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://panel:s3cr3t-Pw@db.example.com:6543/panel_db");

        Assert.Equal(DatabaseKind.PostgreSql, uri.Kind);
        Assert.Equal("postgresql", uri.Scheme);
        Assert.Equal("db.example.com", uri.Host);
        Assert.Equal(6543, uri.Port);
        Assert.Equal("panel_db", uri.Database);
        Assert.Equal("panel", uri.User);
        Assert.True(uri.HasPassword);
        Assert.Equal("s3cr3t-Pw", uri.RevealPassword());
        Assert.Empty(uri.Query);
        Assert.Null(uri.SqliteFilePath);
        Assert.False(uri.IsInMemory);
    }

    // #25: the user info ends at the '@' before host/..., not at an '@' inside a query value or the password.
    [Theory]
    [InlineData("postgresql://panel:pw@db.local:6543/panel?application_name=ops@panel", "pw", "db.local", 6543)]
    [InlineData("postgresql://panel:p@ss/w?rd@db.local/panel?application_name=a@b", "p@ss/w?rd", "db.local", 5432)]
    [InlineData("postgresql://panel:pw@[::1]:6543/panel?application_name=a@b", "pw", "::1", 6543)]
    public void AnAtSignInAQueryValueOrThePasswordIsNotTheHost(string text, string password, string host, int port)
    {
        DatabaseUri uri = DatabaseUri.Parse(text);

        Assert.Equal((password, host, port, "panel", "panel"), (uri.RevealPassword(), uri.Host, uri.Port, uri.Database, uri.User));
    }

    [Theory]
    [InlineData("postgresql://u@h/d", "postgresql")]
    [InlineData("postgres://u@h/d", "postgres")]
    [InlineData("postgresql+psycopg2://u@h/d", "postgresql+psycopg2")]
    [InlineData("postgresql+asyncpg://u@h/d", "postgresql+asyncpg")]
    [InlineData("PostgreSQL://u@h/d", "postgresql")]
    public void PostgreSqlSchemesAndDefaultPort(string text, string scheme)
    {
        DatabaseUri uri = DatabaseUri.Parse(text);

        Assert.Equal(DatabaseKind.PostgreSql, uri.Kind);
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal(5432, uri.Port);
        Assert.Equal("h", uri.Host);
        Assert.Equal("d", uri.Database);
        Assert.Equal("u", uri.User);
        Assert.False(uri.HasPassword);
        Assert.Null(uri.RevealPassword());
    }

    [Theory]
    [InlineData("mysql://u:p@h:3307/d", "mysql", 3307)]
    [InlineData("mysql+pymysql://u:p@h/d", "mysql+pymysql", 3306)]
    [InlineData("mysql+mysqldb://u:p@h/d", "mysql+mysqldb", 3306)]
    [InlineData("mariadb://u:p@h/d", "mariadb", 3306)]
    [InlineData("mariadb+mariadbconnector://u:p@h/d", "mariadb+mariadbconnector", 3306)]
    public void MySqlSchemesAndDefaultPort(string text, string scheme, int port)
    {
        DatabaseUri uri = DatabaseUri.Parse(text);

        Assert.Equal(DatabaseKind.MySql, uri.Kind);
        Assert.Equal(scheme, uri.Scheme);
        Assert.Equal(port, uri.Port);
        Assert.Equal("h", uri.Host);
        Assert.Equal("d", uri.Database);
        Assert.Equal("u", uri.User);
        Assert.Equal("p", uri.RevealPassword());
    }

    [Fact]
    public void UserPasswordAndDatabaseArePercentDecoded()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://pa%40nel%3Aadmin:p%40ss%3Aw%2Fo%25rd%20x@host/my%20db");

        Assert.Equal("pa@nel:admin", uri.User);
        Assert.Equal("p@ss:w/o%rd x", uri.RevealPassword());
        Assert.Equal("my db", uri.Database);
        Assert.Equal("postgresql://pa%40nel%3Aadmin:***@host:5432/my%20db", uri.ToString());
    }

    [Fact]
    public void PlusInUserInfoIsNotASpace()
    {
        DatabaseUri uri = DatabaseUri.Parse("mysql://a+b:c+d@h/e+f");

        Assert.Equal("a+b", uri.User);
        Assert.Equal("c+d", uri.RevealPassword());
        Assert.Equal("e+f", uri.Database);
    }

    [Fact]
    public void UnencodedAtSignsInThePasswordAreTakenUpToTheLastAt()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://panel:p@ss@w:rd/x@10.0.0.5/panel");

        Assert.Equal("panel", uri.User);
        Assert.Equal("p@ss@w:rd/x", uri.RevealPassword());
        Assert.Equal("10.0.0.5", uri.Host);
        Assert.Equal("panel", uri.Database);
    }

    [Fact]
    public void NoUserAtAll()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://localhost/panel");

        Assert.Null(uri.User);
        Assert.False(uri.HasPassword);
        Assert.Equal("postgresql://localhost:5432/panel", uri.ToString());
    }

    [Fact]
    public void EmptyPasswordCountsAsNone()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://panel:@localhost/panel");

        Assert.False(uri.HasPassword);
        Assert.Null(uri.RevealPassword());
        Assert.Equal("postgresql://panel@localhost:5432/panel", uri.ToString());
    }

    [Fact]
    public void IPv6HostInBrackets()
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://u:pw@[::1]:5433/d");

        Assert.Equal("::1", uri.Host);
        Assert.Equal(5433, uri.Port);
        Assert.Equal("postgresql://u:***@[::1]:5433/d", uri.ToString());
    }

    [Fact]
    public void QueryParametersAreKeptDecodedAndInOrder()
    {
        DatabaseUri uri = DatabaseUri.Parse(
            "postgresql://u:pw@h/d?sslmode=require&application_name=aa+panel&options=-c%20statement_timeout%3D5000");

        Assert.Equal("require", uri.Query["sslmode"]);
        Assert.Equal("aa panel", uri.Query["application_name"]);
        Assert.Equal("-c statement_timeout=5000", uri.Query["options"]);
        Assert.Equal(new[] { "sslmode", "application_name", "options" }, uri.QueryParameters.Select(p => p.Key));
        Assert.Equal(
            "postgresql://u:***@h:5432/d?sslmode=require&application_name=aa%20panel&options=-c%20statement_timeout%3D5000",
            uri.ToString());
    }

    [Fact]
    public void PostgreSqlConnectionStringMapsEveryPart()
    {
        DatabaseUri uri = DatabaseUri.Parse(
            "postgresql+psycopg2://pa%3Bnel:pw%3B%27%22x@db.local:6543/my%3Ddb?sslmode=verify-full&connect_timeout=7"
            + "&application_name=panel&target_session_attrs=read-write&sslrootcert=/etc/ca.pem&search_path=app,public");
        var builder = new NpgsqlConnectionStringBuilder(uri.ToConnectionString());

        Assert.Equal("db.local", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("my=db", builder.Database);
        Assert.Equal("pa;nel", builder.Username);
        Assert.Equal("pw;'\"x", builder.Password);
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("panel", builder.ApplicationName);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
        Assert.Equal("/etc/ca.pem", builder.RootCertificate);
        Assert.Equal("app,public", builder.SearchPath);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("VERIFY-FULL", SslMode.VerifyFull)]
    public void EverySslModeMaps(string text, SslMode expected)
    {
        DatabaseUri uri = DatabaseUri.Parse("postgresql://u@h/d?sslmode=" + text);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(uri.ToConnectionString()).SslMode);
    }

    [Fact]
    public void MySqlConnectionStringEscapesEveryValue()
    {
        DatabaseUri uri = DatabaseUri.Parse(
            "mysql+pymysql://pa%3Bnel:pw%3B%27%22%3D%20x@db.local:3307/my%3Bdb?charset=utf8mb4&ssl_mode=VERIFY_IDENTITY&connect_timeout=9");
        string connectionString = uri.ToConnectionString();
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };

        Assert.Equal("db.local", parsed["Server"]);
        Assert.Equal("3307", parsed["Port"]);
        Assert.Equal("pa;nel", parsed["User ID"]);
        Assert.Equal("pw;'\"= x", parsed["Password"]);
        Assert.Equal("my;db", parsed["Database"]);
        Assert.Equal("utf8mb4", parsed["Character Set"]);
        Assert.Equal("VerifyFull", parsed["SSL Mode"]);
        Assert.Equal("9", parsed["Connection Timeout"]);
        Assert.StartsWith("Server=db.local;Port=3307;User ID=", connectionString);
    }

    [Fact]
    public void PlainMySqlConnectionString()
    {
        DatabaseUri uri = DatabaseUri.Parse("mysql://panel:Secret123@127.0.0.1/panel");

        Assert.Equal("Server=127.0.0.1;Port=3306;User ID=panel;Password=Secret123;Database=panel", uri.ToConnectionString());
        Assert.Equal("Server=127.0.0.1;Port=3306;User ID=panel;Password=***;Database=panel", uri.ToMaskedConnectionString());
    }

    [Fact]
    public void ToStringMatchesTheDocumentedExample()
    {
        Assert.Equal(
            "postgresql://panel:***@127.0.0.1:5432/panel",
            DatabaseUri.Parse("postgresql://panel:hunter2@127.0.0.1/panel").ToString());
    }

    [Fact]
    public void TryParseReportsSuccessAndFailure()
    {
        Assert.True(DatabaseUri.TryParse("mysql://u@h/d", out DatabaseUri? good));
        Assert.Equal(DatabaseKind.MySql, good.Kind);
        Assert.False(DatabaseUri.TryParse("foo://x", out DatabaseUri? bad));
        Assert.Null(bad);
        Assert.False(DatabaseUri.TryParse(null, out _));
    }
}
