extern alias PanelAnalyzers;

using System.IO;
using System.Linq;
using System.Reflection;
using Panel.Migrations.Tests.Sample;
using PanelAnalyzers::Panel.Migrations.Analyzers;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// Every rule's help link is its page under the docs URL the build was given (PanelMigrationsDocsUrl, absolute
/// so that an IDE opens it), and that page exists in docs/diagnostics/.
/// </summary>
public class HelpLinkTests
{
    [Fact]
    public void Every_rule_links_to_its_page_under_the_docs_url_the_build_was_given()
    {
        var configured = typeof(Rules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PanelMigrationsDocsUrl").Value;
        var expectedBase = string.IsNullOrWhiteSpace(configured) ? "docs/diagnostics/" : configured;
        var folder = Path.Combine(SampleMigrationsShapeTests.RepositoryRoot(), "docs", "diagnostics");
        foreach (var rule in Rules.All.Concat(GraphDescriptors.All))
        {
            Assert.Equal(expectedBase + rule.Id + ".md", rule.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(folder, rule.Id + ".md")), rule.Id + " has no page in docs/diagnostics");
        }
    }
}
