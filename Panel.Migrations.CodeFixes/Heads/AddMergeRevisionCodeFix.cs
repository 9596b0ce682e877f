using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Panel.Migrations.CodeFixes.Heads;

/// <summary>
/// PMIG013 (multiple heads): "Add a merge revision". Adds <c>_&lt;rev&gt;_MergeHeads.cs</c> next to the flagged
/// migration, a class with a fresh 12-hex-digit id, <c>DownRevisions = new[] { heads }</c> and empty <c>Up</c>/<c>Down</c>:
/// what the command line's <c>merge heads</c> writes.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMergeRevisionCodeFix)), Shared]
public sealed class AddMergeRevisionCodeFix : CodeFixProvider
{
    /// <summary>Makes a fresh revision id; tests replace it to get a known one.</summary>
    internal static Func<string> NewRevisionId { get; set; } = () => Guid.NewGuid().ToString("N").Substring(20);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("PMIG013");

    /// <summary>One merge joins all heads, so there is no fix-all.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var flagged = await HeadsFix.FlaggedAsync(context.Document, context.Diagnostics[0], context.CancellationToken).ConfigureAwait(false);
        if (flagged is not { } f)
            return;
        var heads = f.Graph.Heads();
        var ns = f.Head.Type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        context.RegisterCodeFix(
            CodeAction.Create("Add a merge revision", ct => Task.FromResult(AddMerge(context.Document, heads, ns, f.Graph)), nameof(AddMergeRevisionCodeFix)),
            context.Diagnostics[0]);
    }

    private static Solution AddMerge(Document next, IReadOnlyList<string> heads, string? ns, MigrationDeclarations graph)
    {
        string revision;
        var tries = 0;
        do
            revision = NewRevisionId();
        while (graph.Find(revision) is not null && ++tries < 100);
        var className = "MergeHeads" + revision.ToUpperInvariant();
        var text = Render(revision, heads, ns, className);
        var name = "_" + revision + "_MergeHeads.cs";
        var folder = next.FilePath is { } p ? System.IO.Path.GetDirectoryName(p) : null;
        var document = next.Project.AddDocument(name, SourceText.From(text, Encoding.UTF8), next.Folders, folder is null ? null : System.IO.Path.Combine(folder, name));
        return document.Project.Solution;
    }

    internal static string Render(string revision, IReadOnlyList<string> heads, string? ns, string className)
    {
        var down = string.Join(", ", heads.Select(h => "\"" + h.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
        var text = new StringBuilder()
            .Append("// Revision ID: ").Append(revision).Append('\n')
            .Append("// Revises: ").Append(string.Join(", ", heads)).Append('\n')
            .Append("using Panel.Migrations;\n\n");
        if (ns is not null)
            text.Append("namespace ").Append(ns).Append(";\n\n");
        text.Append("/// <summary>Merge heads ").Append(string.Join(", ", heads)).Append(".</summary>\n")
            .Append("[Migration(\"").Append(revision).Append("\", DownRevisions = new[] { ").Append(down).Append(" }, Message = \"merge heads\")]\n")
            .Append("public sealed class ").Append(className).Append(" : Migration\n{\n")
            .Append("    /// <inheritdoc />\n    public override void Up(MigrationBuilder op)\n    {\n    }\n\n")
            .Append("    /// <inheritdoc />\n    public override void Down(MigrationBuilder op)\n    {\n    }\n}\n");
        return text.ToString();
    }
}
