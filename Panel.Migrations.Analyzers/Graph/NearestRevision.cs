using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Panel.Migrations.Generator.Model;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Analyzers;

/// <summary>
/// For PMIG011, the existing revision (or, for DependsOn, branch label) nearest to an unknown one: a typo in a
/// 12-character id is one or two edits away. Offered as "Did you mean ...?" and, through the diagnostic's
/// properties, to the code fix that writes it in.
/// </summary>
internal sealed class NearestRevision
{
    /// <summary>The property with the unknown revision as written.</summary>
    public const string MissingKey = "PanelMissingRevision";

    /// <summary>The property with the suggested revision.</summary>
    public const string SuggestionKey = "PanelSuggestedRevision";

    private NearestRevision(string missing, string revision)
    {
        Missing = missing;
        Revision = revision;
    }

    /// <summary>The unknown revision as written.</summary>
    public string Missing { get; }

    /// <summary>The existing revision it most likely meant.</summary>
    public string Revision { get; }

    /// <summary>The diagnostic properties the code fix reads.</summary>
    public ImmutableDictionary<string, string?> Properties() =>
        ImmutableDictionary<string, string?>.Empty.Add(MissingKey, Missing).Add(SuggestionKey, Revision);

    /// <summary>
    /// The suggestion for <paramref name="problem"/> (an unknown down revision or dependency of <paramref name="referrer"/>),
    /// or null when no existing name is close, or two are equally close.
    /// </summary>
    public static NearestRevision? Suggest(MigrationModel referrer, GraphProblem problem, IEnumerable<MigrationModel> all)
    {
        var models = all.ToList();
        var dependency = problem.Kind == GraphProblemKind.MissingDependency;
        var written = dependency ? referrer.DependsOn : referrer.DownRevisions;
        var missing = written.FirstOrDefault(m => problem.Message == (dependency
            ? GraphMessages.MissingDependency(m, referrer.Revision)
            : GraphMessages.MissingDownRevision(m, referrer.Revision)));
        if (missing is null)
            return null;
        var names = models.Select(m => m.Revision).Where(r => r != referrer.Revision);
        if (dependency)
            names = names.Concat(models.SelectMany(m => m.BranchLabels));
        var ranked = names.Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: Distance(missing, n)))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, missing.Length / 3)))
            .OrderBy(c => c.Distance).ToList();
        if (ranked.Count == 0 || ranked.Count > 1 && ranked[1].Distance == ranked[0].Distance)
            return null;
        return new NearestRevision(missing, ranked[0].Name);
    }

    // Levenshtein distance, with a swap of two neighbours counting as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
