using System;
using Xunit;

namespace Panel.Migrations.Tests.Configuration;

/// <summary>The password must never reach a textual form that might be logged.</summary>
public class DatabaseUriSecrecyTests
{
    private const string Password = "Zq9-UNIQUE-pw";

    public static TheoryData<string> ValidUris => new()
    {
        $"postgresql://panel:{Password}@127.0.0.1:5432/panel",
        $"postgres://panel:{Password}@db/panel?sslmode=require",
        $"postgresql+psycopg2://panel:{Password}@[::1]/panel?sslpassword={Password}&application_name=x",
        $"mysql://panel:{Password}@127.0.0.1:3306/panel",
        $"mysql+pymysql://panel:{Password}@db/panel?charset=utf8mb4",
        $"mariadb://:{Password}@db/panel",
    };

    public static TheoryData<string> MalformedUris => new()
    {
        $"foo://panel:{Password}@h/d",
        $"postgresql:/panel:{Password}@h/d",
        $"postgresql://panel:{Password}@h",
        $"postgresql://panel:{Password}@h:99999/d",
        $"postgresql://panel:{Password}@h:port/d",
        $"postgresql://panel:{Password}@/d",
        $"postgresql://panel:{Password}@h/d?sslmode=nope",
        $"postgresql://panel:{Password}@h/d?bogus=1",
        $"mysql://panel:{Password}@h/d?bogus=1&password={Password}",
        $"mysql://panel:{Password}/d",
        $"mysql://panel:{Password}",
        $"mysql://panel:{Password}@[::1/d",
        $"sqlite://panel:{Password}@h/d",
        $"postgresql://u@h/d?sslpassword={Password}&x=1",
        $"postgresql://panel:{Password}@h/d?password={Password}&password={Password}",
        $"postgresql://panel:p@ss:{Password}@h/d?zzz=1",
        $"panel:{Password}@host/db",
        $"postgresql:panel:{Password}@h/d",
        $"postgresql:panel:x:{Password}@h/d",
        $"mysql:/panel:{Password}/d",
        $"mysql://panel:{Password}:/d",
        $"mysql://panel:12{Password}34",
        $"sqlite:///x.db?password={Password}",
    };

    [Theory]
    [MemberData(nameof(ValidUris))]
    public void NoTextualFormOfAValidUriContainsThePassword(string text)
    {
        DatabaseUri uri = DatabaseUri.Parse(text);

        Assert.Equal(Password, uri.RevealPassword());
        Assert.DoesNotContain(Password, uri.ToString(), StringComparison.Ordinal);
        Assert.Contains(":***@", uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, uri.ToMaskedConnectionString(), StringComparison.Ordinal);
        Assert.Contains("***", uri.ToMaskedConnectionString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, $"{uri}", StringComparison.Ordinal);
        Assert.DoesNotContain(Password, new MigrationSettings(MigrationEnvironment.Production, uri).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidUris))]
    public void TheRealConnectionStringDoesCarryThePassword(string text)
    {
        // The counterpart of the test above: proves the password is really there to be hidden.
        Assert.Contains(Password, DatabaseUri.Parse(text).ToConnectionString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedUris))]
    public void NoErrorMessageContainsThePassword(string text)
    {
        var e = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse(text));

        Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, e.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretQueryParametersAreMaskedInToString()
    {
        DatabaseUri uri = DatabaseUri.Parse($"postgresql://u@h/d?sslpassword={Password}&sslmode=require");

        Assert.Equal("postgresql://u@h:5432/d?sslpassword=***&sslmode=require", uri.ToString());
        Assert.Equal(Password, uri.Query["sslpassword"]);
    }

    [Fact]
    public void MalformedSqliteWithUserInfoMasksIt()
    {
        var e = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse($"sqlite://panel:{Password}@h/d"));

        Assert.StartsWith("DATABASE_URI 'sqlite://panel:***@h/d' has the wrong number of slashes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MasksEverythingBetweenUserColonAndTheLastAt()
    {
        var e = Assert.Throws<DatabaseUriException>(() => DatabaseUri.Parse($"postgresql://panel:a@b:{Password}@h/d?zzz=1"));

        Assert.StartsWith("DATABASE_URI 'postgresql://panel:***@h/d?zzz=1' has the query parameter 'zzz'", e.Message, StringComparison.Ordinal);
    }
}
