using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace Panel.Migrations.CodeFixes;

/// <summary>
/// PMIG001: writes <c>Down</c> from the inverse of <c>Up</c>'s operations, in reverse order; when some operation has
/// no inverse, writes an empty <c>Down</c> with a TODO (which PMIG002 keeps reporting until it is filled in).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDownCodeFix)), Shared]
public sealed class AddDownCodeFix : DocumentFixProvider
{
    /// <summary>Offers the fix.</summary>
    public AddDownCodeFix() : base("PMIG001", "Add Down from the inverse of Up")
    {
    }

    /// <inheritdoc />
    protected override async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null)
            return document;
        var @class = root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
        var up = @class?.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == "Up" && m.ParameterList.Parameters.Count == 1);
        if (@class is null || up is null)
            return document;
        var builderType = up.ParameterList.Parameters[0].Type?.ToString() ?? "MigrationBuilder";
        var receiver = up.ParameterList.Parameters[0].Identifier.ValueText;

        var statements = Inverse(up, model, receiver, ct);
        var body = new StringBuilder();
        body.Append("public override void Down(").Append(builderType).Append(' ').Append(receiver).Append(")\n{\n");
        if (statements is null)
            body.Append("    // TODO: undo Up here, in reverse order. Up has operations without an automatic inverse (drops, raw SQL,\n")
                .Append("    // type changes, data); write their inverse, or mark the class [Irreversible(\"reason\")].\n");
        else
            foreach (var statement in statements)
                body.Append("    ").Append(statement).Append('\n');
        body.Append("}\n");
        var down = ((MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration("\n" + body)!).WithAdditionalAnnotations(Formatter.Annotation);

        var existing = @class.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Identifier.ValueText == "Down" && m.ParameterList.Parameters.Count == 1);
        var fixedClass = existing is not null ? @class.ReplaceNode(existing, down.WithTriviaFrom(existing)) : @class.InsertNodesAfter(up, new[] { down });
        var newRoot = root.ReplaceNode(@class, fixedClass);
        return await Formatter.FormatAsync(document.WithSyntaxRoot(newRoot), Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The inverse statements of Up, last operation first; null when some operation has no inverse.</summary>
    private static List<string>? Inverse(MethodDeclarationSyntax up, SemanticModel model, string receiver, CancellationToken ct)
    {
        SyntaxNode? body = (SyntaxNode?)up.Body ?? up.ExpressionBody;
        if (body is null || model.GetOperation(body, ct) is not { } operation)
            return null;
        var result = new List<string>();
        foreach (var call in operation.DescendantsAndSelf().OfType<IInvocationOperation>().OrderBy(c => c.Syntax.Span.End))
        {
            if (call.TargetMethod.ContainingType.Name != "MigrationBuilder")
                continue;
            var inverse = InverseOf(call, receiver);
            if (inverse is null)
                return null;
            result.Add(inverse);
        }
        result.Reverse();
        return result.Count == 0 ? null : result;
    }

    private static string? Arg(IInvocationOperation call, string parameter) => FixHelpers.Argument(call, parameter)?.Value.Syntax.ToString();

    private static string? InverseOf(IInvocationOperation call, string op)
    {
        var table = Arg(call, "table");
        var name = Arg(call, "name");
        switch (call.TargetMethod.Name)
        {
            case "CreateTable" when table is not null:
                return $"{op}.DropTable({table});";
            case "RenameTable" when table is not null && Arg(call, "newName") is { } to:
                return $"{op}.RenameTable({to}, {table});";
            case "AddColumn" when table is not null && name is not null:
                return $"{op}.BatchAlterTable({table}, t => t.DropColumn({name}));";
            case "CreateIndex" when table is not null && name is not null:
                return $"{op}.DropIndex({name}, {table});";
            case "CreateUniqueConstraint" or "CreateCheckConstraint" or "CreateForeignKey" when table is not null && name is not null:
                return $"{op}.BatchAlterTable({table}, t => t.DropConstraint({name}, ConstraintKind.{Kind(call.TargetMethod.Name)}));";
            case "AlterColumn" when table is not null && name is not null && OnlyRename(call) is { } newName:
                return $"{op}.BatchAlterTable({table}, t => t.AlterColumn({newName}, newName: {name}));";
            case "BatchAlterTable" when table is not null:
            {
                var inner = new List<string>();
                foreach (var batchCall in call.Descendants().OfType<IInvocationOperation>().Where(c => c.TargetMethod.ContainingType.Name == "BatchAlterTableBuilder").OrderBy(c => c.Syntax.Span.End))
                {
                    var step = InverseInBatch(batchCall);
                    if (step is null)
                        return null;
                    inner.Add(step);
                }
                if (inner.Count == 0)
                    return null;
                inner.Reverse();
                return $"{op}.BatchAlterTable({table}, t => t{string.Concat(inner)});";
            }
            default:
                return null;
        }
    }

    private static string? InverseInBatch(IInvocationOperation call)
    {
        var name = Arg(call, "name");
        if (name is null)
            return null;
        return call.TargetMethod.Name switch
        {
            "AddColumn" => $".DropColumn({name})",
            "CreateIndex" => $".DropIndex({name})",
            "CreateUniqueConstraint" or "CreateCheckConstraint" or "CreateForeignKey" => $".DropConstraint({name}, ConstraintKind.{Kind(call.TargetMethod.Name)})",
            "AlterColumn" when OnlyRename(call) is { } newName => $".AlterColumn({newName}, newName: {name})",
            _ => null,
        };
    }

    private static string Kind(string method) => method switch
    {
        "CreateUniqueConstraint" => "Unique",
        "CreateCheckConstraint" => "Check",
        _ => "ForeignKey",
    };

    /// <summary>The new name when the AlterColumn call only renames.</summary>
    private static string? OnlyRename(IInvocationOperation call)
    {
        var newName = Arg(call, "newName");
        if (newName is null)
            return null;
        foreach (var other in new[] { "type", "nullable", "serverDefault", "dropServerDefault" })
            if (FixHelpers.Argument(call, other) is not null)
                return null;
        return newName;
    }
}
