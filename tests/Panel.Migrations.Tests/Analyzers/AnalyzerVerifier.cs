extern alias PanelAnalyzers;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PanelAnalyzers::Panel.Migrations.Analyzers;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>Runs <see cref="MigrationAnalyzer"/> over markup sources, offline (net10.0 reference assemblies from Basic.Reference.Assemblies).</summary>
internal static class Verify
{
    public const string Usings = "using System;\nusing System.Collections.Generic;\nusing Panel.Migrations;\nusing Panel.Migrations.Operations;\n";

    private static void Configure(SolutionState state, string? dialects)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Migration).Assembly.Location));
        if (dialects is not null)
            state.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.PanelMigrationsDialects = {dialects}\n"));
    }

    /// <summary>Asserts that <paramref name="source"/> (markup, usings prepended) produces exactly the marked diagnostics.</summary>
    public static Task Analyzer(string source, string? dialects = null, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<MigrationAnalyzer, DefaultVerifier>
        {
            TestCode = Usings + source,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        Configure(test.TestState, dialects);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Asserts that the files (markup, usings prepended to each) produce exactly the marked diagnostics.</summary>
    public static Task AnalyzerFiles(params string[] sources)
    {
        var test = new CSharpAnalyzerTest<MigrationAnalyzer, DefaultVerifier> { ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        for (var i = 0; i < sources.Length; i++)
            test.TestState.Sources.Add(($"/File{i}.cs", Usings + sources[i]));
        Configure(test.TestState, null);
        return test.RunAsync();
    }

    /// <summary>Asserts the diagnostics of <paramref name="source"/> and that <typeparamref name="TFix"/> turns it into <paramref name="fixedSource"/>.</summary>
    public static Task CodeFix<TFix>(string source, string fixedSource, string? dialects = null, int iterations = 1, int fixAllIterations = 1)
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<MigrationAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Usings + source,
            FixedCode = Usings + fixedSource,
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            NumberOfFixAllIterations = fixAllIterations,
            NumberOfIncrementalIterations = iterations,
        };
        Configure(test.TestState, dialects);
        Configure(test.FixedState, dialects);
        return test.RunAsync();
    }
}
