using Xunit;

namespace Panel.Migrations.Tests.Configuration;

/// <summary>The one masker of free text: URIs, connection-string keys, and the password only where it stands as a word.</summary>
public sealed class SecretMaskerTextTests
{
    [Theory]
    [InlineData("Database: postgresql://panel:s3cret@db:5432/panel", null, "Database: postgresql://panel:***@db:5432/panel")]
    [InlineData("Host=db;Username=panel;Password=s3cret;Database=panel", null, "Host=db;Username=panel;Password=***;Database=panel")]
    [InlineData("Server=db; pwd = 'a b;c' ;Database=panel", null, "Server=db; pwd = *** ;Database=panel")]
    [InlineData("FAILED: 'Host=db;Password=s3cret' has no scheme.", null, "FAILED: 'Host=db;Password=***' has no scheme.")]
    [InlineData("Host=db;Password=my s3cret;Database=panel", null, "Host=db;Password=***;Database=panel")]
    [InlineData("Password=it's s3cret", null, "Password=***")]
    [InlineData("Password='it''s; s3cret' rest", null, "Password=*** rest")]
    [InlineData("the database said: no such table", "data", "the database said: no such table")]
    [InlineData("login failed with data as the password", "data", "login failed with *** as the password")]
    [InlineData("value 'p@ss:w/rd' rejected", "p@ss:w/rd", "value '***' rejected")]
    public void Secrets_are_hidden_where_they_stand_as_secrets(string text, string? password, string expected) =>
        Assert.Equal(expected, SecretMasker.MaskText(text, password));
}
