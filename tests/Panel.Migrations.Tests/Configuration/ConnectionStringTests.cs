using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

/// <summary>ADO.NET connection strings wherever a URI is accepted: the same model, clear refusals, no password in any message.</summary>
public sealed class ConnectionStringTests
{
    private const string Secret = "Zq9";
    private static readonly string Base = Path.GetTempPath();

    [Theory]
    [InlineData("Data Source=panel.db", "sqlite:///panel.db")]
    [InlineData("sqlite: Filename=data/panel.db;Mode=ReadOnly;Default Timeout=5", "sqlite:///data/panel.db?mode=ro&timeout=5")]
    [InlineData("Data Source=:memory:", "sqlite://")]
    [InlineData("Host=db;Database=panel;Username=u;Password=p", "postgresql://u:p@db/panel")]
    [InlineData("host = db ; port=6543; DB=panel; User ID=u; PWD=p; SSL Mode=VerifyFull; Timeout=7; Search Path=app", "postgresql://u:p@db:6543/panel?sslmode=verify-full&connect_timeout=7&search_path=app")]
    [InlineData("Server=db;Database=panel;User ID=u;Password=p", "mysql://u:p@db/panel")]
    [InlineData("Server=db;Port=3307;Initial Catalog=panel;Uid=u;Pwd=p;CharSet=utf8mb4;SslMode=None", "mysql://u:p@db:3307/panel?charset=utf8mb4&ssl_mode=disabled")]
    [InlineData("postgresql: Server=db;Database=panel", "postgresql://db/panel")]
    [InlineData("mariadb:Server=db;Database=panel", "mariadb://db/panel")]
    public void A_connection_string_gives_the_model_its_uri_gives(string connectionString, string uri)
    {
        var fromString = DatabaseUri.Parse(connectionString, Base);
        var fromUri = DatabaseUri.Parse(uri, Base);

        Assert.Equal(fromUri.ToString(), fromString.ToString());
        Assert.Equal(fromUri.ToConnectionString(), fromString.ToConnectionString());
        Assert.Equal(fromUri.Kind, fromString.Kind);
    }

    [Theory]
    [InlineData("Server=db;Database=panel", "names a Server but no key that only PostgreSQL or only MySQL uses, so which server it is is unclear")]
    [InlineData("Server=db;Database=panel;Username=u;Uid=v", "mixes keys of PostgreSQL and MySQL")]
    [InlineData("Database=panel;Password=x", "names no database server or file")]
    [InlineData("Host=db;Database=panel;Trust Server Certificate=true", "has the key 'trust server certificate', which is refused: it turns off the check of the server's certificate")]
    [InlineData("Server=db;Uid=u;Database=panel;AllowLoadLocalInfile=true", "has the key 'allowloadlocalinfile', which is refused: it lets the server read files from this machine")]
    [InlineData("Data Source=x.db;Foreign Keys=False", "has the key 'foreign keys', which is refused")]
    [InlineData("Host=db;Database=panel;Pooling=false", "has the key 'pooling', which PostgreSQL connection strings do not take here; accepted: Host, Port, Database, Username, Password, SSL Mode,")]
    [InlineData("Host=db;Server=db2;Database=panel", "gives Host twice, as 'host' and 'server'; keep one.")]
    [InlineData("Host=db;Port=http;Database=panel", "has the invalid port 'http'")]
    [InlineData("Host=db;Username=u", "names no database; add Database=name.")]
    [InlineData("postgresql:Database=panel", "names no server; add Host=host.")]
    [InlineData("Host=db;Database=panel;SSL Mode=Sometimes", "has the invalid value 'Sometimes' for SSL Mode; use one of Disable, Allow, Prefer, Require, VerifyCA, VerifyFull.")]
    [InlineData("sqlite: Mode=ReadOnly;Data Source=", "names no SQLite file")]
    public void A_string_that_cannot_be_read_is_refused_with_what_to_write(string connectionString, string problem)
    {
        var error = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse(connectionString, Base));

        Assert.StartsWith("DATABASE_URI '", error.Message, StringComparison.Ordinal);
        Assert.Contains(" is a connection string that " + problem, error.Message, StringComparison.Ordinal);
        Assert.EndsWith(ConnectionStringParser.ExpectedForms, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_string_is_not_echoed()
    {
        var error = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse("Host=db;Password='" + Secret + ";Database=x", Base));

        Assert.StartsWith("DATABASE_URI is not a valid connection string (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostilePasswords => new()
    {
        Secret + ";pw", Secret + "=pw", Secret + "'pw", Secret + "\"pw", Secret + "@h:1/d", Secret + " pw x", "'" + Secret + "'",
        "\"" + Secret + "\"", Secret + "' has no scheme", " " + Secret, Secret + "'';\"\"",
    };

    // Every error path, each string written as a provider's builder writes it (so the password is quoted as needed) and as
    // a user might type it (unquoted, often malformed); neither the password nor any part of it may show.
    [Theory]
    [MemberData(nameof(HostilePasswords))]
    public void No_message_shows_the_password_whatever_it_holds(string password)
    {
        var broken = new List<Dictionary<string, string>>
        {
            new() { ["Server"] = "db", ["Database"] = "panel", ["Password"] = password },
            new() { ["Host"] = "db", ["Database"] = "panel", ["Password"] = password, ["Pooling"] = "false" },
            new() { ["Host"] = "db", ["Database"] = "panel", ["Passwd"] = password },
            new() { ["Host"] = "db", ["Password"] = password },
            new() { ["Host"] = "db", ["Port"] = "x", ["Database"] = "panel", ["PWD"] = password },
            new() { ["Host"] = "db", ["Database"] = "panel", ["SSL Password"] = password, ["SSL Mode"] = "bad" },
            new() { ["Data Source"] = "x.db", ["Password"] = password },
            new() { ["Host"] = "db", ["Server"] = "db", ["Database"] = "panel", ["Password"] = password },
            new() { ["Database"] = "panel", ["Psw"] = password },
        };
        foreach (var pairs in broken)
        {
            var builder = new DbConnectionStringBuilder();
            var typed = "";
            foreach (var (key, value) in pairs)
            {
                builder[key] = value;
                typed += key + "=" + value + ";";
            }

            // The first is refused only for being ambiguous, which a hint settles.
            string[] hinted = pairs.ContainsKey("Server") && !pairs.ContainsKey("Host") ? [] : ["mysql:" + typed, "sqlite:" + typed];
            foreach (string text in (string[])[builder.ConnectionString, typed, "foo:" + typed, .. hinted])
            {
                var error = Assert.ThrowsAny<FormatException>(() => { DatabaseUri.Parse(text, Base); });
                Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(Secret, SecretMasker.MaskText(text), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HostilePasswords))]
    public void A_valid_string_carries_the_password_only_where_it_must(string password)
    {
        var builder = new DbConnectionStringBuilder { ["Host"] = "db", ["Database"] = "panel", ["Username"] = "u", ["Password"] = password };

        var uri = DatabaseUri.Parse(builder.ConnectionString, Base);

        Assert.Equal(password, uri.RevealPassword());
        Assert.DoesNotContain(Secret, uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, uri.ToMaskedConnectionString(), StringComparison.Ordinal);
        Assert.Equal(password, new DbConnectionStringBuilder { ConnectionString = uri.ToConnectionString() }["Password"]);
    }

    [Theory]
    [InlineData("--database-uri")]
    [InlineData("ConnectionStrings:Panel")]
    public void The_message_names_the_source_the_string_came_from(string source)
    {
        var error = Assert.Throws<DatabaseUriException>(() => MigrationSettings.Resolve(new SettingsSources
        {
            Explicit = "Host=db;Database=panel;Password=" + Secret + ";Pooling=true",
            ExplicitName = source,
            GetVariable = _ => null,
        }));

        Assert.StartsWith(source + " 'host=db;database=panel;password=***;pooling=***' is a connection string that has the key 'pooling'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_variable_and_the_configuration_file_take_connection_strings_too()
    {
        using var folder = new Infrastructure.SqliteFiles();
        File.WriteAllText(Path.Combine(folder.Folder, "migrations.json"), """{ "production": "Server=db;Database=panel;User ID=u;Password=p" }""");
        var variables = new Dictionary<string, string?> { ["ENVIRONMENT"] = "production" };
        var sources = new SettingsSources { GetVariable = n => variables.GetValueOrDefault(n), ConfigurationFile = "migrations.json", BaseDirectory = folder.Folder };

        var fromFile = MigrationSettings.Resolve(sources);
        Assert.Equal(("mysql://u:***@db:3306/panel", "migrations.json"), (fromFile.DatabaseUri.ToString(), fromFile.Source));

        variables["DATABASE_URI"] = "Data Source=panel.db";
        var fromVariable = MigrationSettings.Resolve(sources);
        Assert.Equal(Path.Combine(folder.Folder, "panel.db"), fromVariable.DatabaseUri.SqliteFilePath);
    }
}
