using Xunit;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>The xunit collection of the tests that use <see cref="MariaDbFixture"/>: <c>[Collection("mariadb")]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "mariadb";
}
