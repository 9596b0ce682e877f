using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Panel.Migrations.Generator.Model;
using Panel.Migrations.Generator.Parsing;

namespace Panel.Migrations.CodeFixes.Heads;

/// <summary>One <c>[Migration]</c> class of the compilation: what the generator reads, and where its attribute is written.</summary>
internal sealed class MigrationDeclaration
{
    public MigrationDeclaration(MigrationModel model, INamedTypeSymbol type, AttributeSyntax? attribute)
    {
        Model = model;
        Type = type;
        Attribute = attribute;
    }

    public MigrationModel Model { get; }

    public INamedTypeSymbol Type { get; }

    public AttributeSyntax? Attribute { get; }

    public string Revision => Model.Revision;
}

/// <summary>The revision graph of a compilation, as far as the heads fixes need it: the parents, the heads, the ancestors.</summary>
internal sealed class MigrationDeclarations
{
    private readonly Dictionary<string, MigrationDeclaration> _byRevision;

    private MigrationDeclarations(Dictionary<string, MigrationDeclaration> byRevision) => _byRevision = byRevision;

    public IReadOnlyCollection<MigrationDeclaration> All => _byRevision.Values;

    public static MigrationDeclarations Read(Compilation compilation, CancellationToken ct)
    {
        var attributeType = compilation.GetTypeByMetadataName(MigrationReader.AttributeMetadataName);
        var byRevision = new Dictionary<string, MigrationDeclaration>(StringComparer.Ordinal);
        if (attributeType is null)
            return new MigrationDeclarations(byRevision);
        foreach (var symbol in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, ct))
        {
            if (symbol is not INamedTypeSymbol type)
                continue;
            foreach (var attribute in type.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                    continue;
                var model = MigrationReader.Read(type, attribute, ct);
                if (model.Revision.Length == 0 || byRevision.ContainsKey(model.Revision))
                    continue;
                byRevision[model.Revision] = new MigrationDeclaration(model, type, attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax);
            }
        }

        return new MigrationDeclarations(byRevision);
    }

    public MigrationDeclaration? Find(string revision) => _byRevision.TryGetValue(revision, out var d) ? d : null;

    /// <summary>The revisions no other revision names as a parent, in ordinal order.</summary>
    public IReadOnlyList<string> Heads()
    {
        var parents = new HashSet<string>(_byRevision.Values.SelectMany(d => d.Model.DownRevisions), StringComparer.Ordinal);
        return _byRevision.Keys.Where(r => !parents.Contains(r)).OrderBy(r => r, StringComparer.Ordinal).ToList();
    }

    /// <summary>The revision and everything below it.</summary>
    public HashSet<string> SelfAndAncestors(string revision)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(revision);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current))
                continue;
            if (Find(current) is { } d)
                foreach (var parent in d.Model.DownRevisions)
                    stack.Push(parent);
        }

        return seen;
    }

    /// <summary>
    /// The first revision of <paramref name="head"/>'s own branch relative to <paramref name="onto"/>: walking down
    /// single parents from the head, the last one that <paramref name="onto"/> does not already contain. Null when the
    /// branch has a merge point of its own (several parents), which a rebase of one attribute cannot straighten.
    /// </summary>
    public MigrationDeclaration? BranchRoot(string head, string onto)
    {
        var below = SelfAndAncestors(onto);
        var current = Find(head);
        var guard = 0;
        while (current is not null && guard++ < 100000)
        {
            var parents = current.Model.DownRevisions;
            if (parents.Count == 0 || parents.All(below.Contains))
                return current;
            if (parents.Count > 1)
                return null;
            current = Find(parents[0]);
        }

        return null;
    }
}
