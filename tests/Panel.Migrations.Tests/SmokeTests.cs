using Xunit;

namespace Panel.Migrations.Tests;

public class SmokeTests
{
    [Fact]
    public void RuntimeAssemblyLoads() => Assert.Equal("Panel.Migrations.Runtime", typeof(Panel.Migrations.Graph.RevisionGraph).Assembly.GetName().Name);
}
