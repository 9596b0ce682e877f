using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Cli.Baseline;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Cli.Squash;

/// <summary>
/// What a squash of a range is made of: the range (linear, checked here before the graph checks the written class), the
/// schema it makes (replayed on a scratch database and read from its catalog, for the baseline writer), and its data
/// changes (raw INSERT/UPDATE/DELETE and seed rows) carried over in order; or every reason it cannot be carried.
/// </summary>
internal static class SquashSourceReader
{
    /// <summary>The revisions of <c>START:END</c> (or <c>base:END</c>), oldest first.</summary>
    public static List<string> Range(RevisionGraph graph, string range)
    {
        var colon = range.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == range.Length - 1)
            throw new CommandLineException($"'{range}' is not a range: write START:END (or base:END), e.g. 'squash base:{graph.Heads.FirstOrDefault() ?? "head"}'.", ExitCodes.UsageError);
        var start = range[..colon];
        var end = Single(graph, range[(colon + 1)..]);
        var startId = start == "base" ? null : Single(graph, start);
        var revisions = new List<string>();
        for (var at = end; ;)
        {
            revisions.Insert(0, at);
            if (at == startId)
                break;
            var parents = graph[at].DownRevisions;
            if (parents.Count == 0 && startId is null)
                break;
            if (parents.Count != 1)
                throw new CommandLineException(parents.Count == 0
                    ? $"{start} is not below {end}: name a START that is an ancestor of END."
                    : $"Revision {at} is a merge point ({string.Join(", ", parents)}): a squash replaces a linear range; squash from {at} or above.", ExitCodes.UsageError);
            at = parents[0];
        }
        foreach (var id in revisions.Take(revisions.Count - 1).Where(id => graph.Children(id).Count != 1))
            throw new CommandLineException($"Revision {id} is a branch point ({string.Join(", ", graph.Children(id))}): a squash replaces a linear range; end it at {id}.", ExitCodes.UsageError);
        if (graph.Squashes.FirstOrDefault(s => revisions.Contains(s.End) || revisions.Any(s.IsInside)) is { } squashed)
            throw new CommandLineException($"The range overlaps squash {squashed.Squash}, which replaces {string.Join(", ", squashed.Replaced)}.", ExitCodes.UsageError);
        return revisions;
    }

    /// <summary>The schema the range adds and its data lines, or a refusal listing what cannot be carried.</summary>
    public static async Task<(Catalog Schema, SquashSource Source)> ReadAsync(MigrationMap map, List<string> range, MigrationOptions live, CancellationToken cancellationToken)
    {
        var below = map[range[0]].DownRevisions.SingleOrDefault();
        await using var scratch = await ScratchDatabase.CreateAsync(live, cancellationToken, "panel_squash_").ConfigureAwait(false);
        var runner = new MigrationRunner(map, scratch.Options);
        var before = new Catalog(live.Kind, [], [], [], []);
        if (below is not null)
        {
            await runner.UpgradeAsync(below, cancellationToken).ConfigureAwait(false);
            before = CatalogReader.Read(scratch.Options);
        }
        await runner.UpgradeAsync(range[^1], cancellationToken).ConfigureAwait(false);
        var after = CatalogReader.Read(scratch.Options);

        var problems = new List<string>();
        var oldTables = before.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var difference in CatalogDiff.Compare(CatalogEntries.Of(after), CatalogEntries.Of(before))
                     .Where(d => oldTables.Contains(d.Entry.Table ?? d.Entry.Name)))
            problems.Add($"{difference.Entry.Describe()}: the range changes table {difference.Entry.Table ?? difference.Entry.Name}, which existed before it " +
                         "(the schema writer writes whole tables); start the squash at the revision that creates that table, or at base");

        var data = new List<MigrationOperation>();
        foreach (var revision in range)
        {
            var builder = new MigrationBuilder(live.Kind);
            map[revision].Factory().Up(builder);
            foreach (var operation in builder.Operations)
                Carry(operation, revision, after, data, problems);
        }
        if (problems.Count > 0)
            throw new CommandLineException($"squash cannot carry {problems.Count} change(s) of {range[0]}..{range[^1]}; nothing was written:\n- " + string.Join("\n- ", problems), ExitCodes.UsageError);

        var newNames = new HashSet<string>(after.Tables.Select(t => t.Name).Where(n => !oldTables.Contains(n)), StringComparer.Ordinal);
        bool New(string name, IEnumerable<string> old) => !old.Contains(name, StringComparer.Ordinal);
        var schema = new Catalog(after.Kind, after.Tables.Where(t => newNames.Contains(t.Name)).ToList(),
            after.Indexes.Where(i => New(i.Name, before.Indexes.Select(b => b.Name))).ToList(),
            after.Triggers.Where(t => New(t.Name, before.Triggers.Select(b => b.Name))).ToList(),
            after.Views.Where(v => New(v.Name, before.Views.Select(b => b.Name))).ToList())
        {
            Functions = after.Functions.Where(f => New(f.Name, before.Functions.Select(b => b.Name))).ToList(),
            Sequences = after.Sequences.Where(s => New(s.Name, before.Sequences.Select(b => b.Name))).ToList(),
        };
        return (schema, new SquashSource(below, range, data));
    }

    // Seed rows and raw DML are carried after the schema, in order; raw DDL is in the catalog already.
    private static void Carry(MigrationOperation operation, string revision, Catalog after, List<MigrationOperation> data, List<string> problems)
    {
        switch (operation)
        {
            case InsertRowsOperation insert:
                var table = after.Tables.FirstOrDefault(t => t.Name == insert.TableName);
                var missing = insert.Columns.Where(c => table?.Columns.All(k => k.Name != c) ?? true).ToList();
                if (missing.Count > 0)
                    problems.Add($"revision {revision} inserts rows into {insert.TableName}({string.Join(", ", missing)}), which the range's schema no longer has");
                else if (Writable(insert.Rows.SelectMany(r => r), revision, problems))
                    data.Add(insert);
                return;
            case ExecuteSqlOperation execute when IsDml(execute.Sql):
                if (Writable(execute.Arguments.Select(a => a.Value), revision, problems))
                    data.Add(execute);
                return;
        }
    }

    private static bool IsDml(string sql)
    {
        var word = sql.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return word.ToUpperInvariant() is "INSERT" or "UPDATE" or "DELETE" or "REPLACE" or "WITH";
    }

    private static bool Writable(IEnumerable<object?> values, string revision, List<string> problems)
    {
        var unwritable = values.Where(v => !MigrationCode.CanWrite(v)).Select(v => v!.GetType().Name).Distinct().ToList();
        foreach (var type in unwritable)
            problems.Add($"revision {revision} uses a value of type {type}, which squash cannot write as a literal yet; carry that change by hand");
        return unwritable.Count == 0;
    }

    private static string Single(RevisionGraph graph, string target) =>
        graph.Resolve(target) is [var id] ? id : throw new CommandLineException($"'{target}' names more than one revision; name one.", ExitCodes.UsageError);
}
