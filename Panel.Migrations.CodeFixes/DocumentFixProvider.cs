using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Panel.Migrations.CodeFixes;

/// <summary>
/// A fix for one diagnostic id that rewrites the document the diagnostic is in: one code action per
/// diagnostic, fixable all at once. Subclasses only say how to rewrite.
/// </summary>
public abstract class DocumentFixProvider : CodeFixProvider
{
    private readonly string _id;
    private readonly string _title;

    /// <summary>A fix for <paramref name="id"/>, offered as <paramref name="title"/>.</summary>
    protected DocumentFixProvider(string id, string title)
    {
        _id = id;
        _title = title;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_id);

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
            context.RegisterCodeFix(CodeAction.Create(_title, ct => FixAsync(context.Document, diagnostic, ct), GetType().Name), diagnostic);
        return Task.CompletedTask;
    }

    /// <summary>The document with <paramref name="diagnostic"/> fixed, or the document unchanged when it cannot be.</summary>
    protected abstract Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct);
}
