using System.Collections.Generic;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// A step that runs outside a transaction, as its journal counts it: one entry per statement (an operation rendered
/// from the live schema is one entry, rendered when it runs), each with the mark it leaves in the catalog where there is
/// one, and a digest of the entries' text so that a later run can tell whether the statements recorded as done are still
/// the migration's first ones.
/// </summary>
internal sealed class JournaledStep
{
    private readonly string[] _digests;

    private JournaledStep(IReadOnlyList<JournalEntry> entries)
    {
        Entries = entries;
        _digests = new string[entries.Count + 1];
        _digests[0] = "";
        for (var i = 0; i < entries.Count; i++)
            _digests[i + 1] = Sha256.HexOf(_digests[i] + "\n" + entries[i].Text);
    }

    public IReadOnlyList<JournalEntry> Entries { get; }

    /// <summary>The digest of the first <paramref name="count"/> entries (chained, so each prefix has its own).</summary>
    public string Digest(int count) => _digests[count];

    public static JournaledStep Of(PipelineContext context, IReadOnlyList<MigrationOperation> described)
    {
        var entries = new List<JournalEntry>();
        foreach (var operation in context.Adapter.Expand(described))
        {
            if (context.Adapter.RendersLive(operation))
            {
                entries.Add(new JournalEntry(operation, null, null, $"-- {operation.GetType().Name} on {operation.Table}, rendered from the live schema: {operation}"));
                continue;
            }
            var statements = context.Adapter.Dialect.Render(operation);
            for (var i = 0; i < statements.Count; i++)
            {
                // A table made with its indexes: the first statement makes the table.
                var effect = statements.Count == 1 || (i == 0 && operation is CreateTableOperation) ? StatementEffect.Of(operation) : null;
                var text = context.Inline(statements[i]);
                entries.Add(new JournalEntry(operation, statements[i], effect,
                                             statements[i].OnlyIf is { } condition ? $"-- only if {context.Inline(condition)}\n{text}" : text));
            }
        }
        return new JournaledStep(entries);
    }
}

/// <summary>One statement of a <see cref="JournaledStep"/>.</summary>
/// <param name="Operation">The operation it comes from.</param>
/// <param name="Statement">The statement; null for an operation rendered from the live schema when it runs.</param>
/// <param name="Effect">The mark it leaves in the catalog, or null.</param>
/// <param name="Text">Its text with values inlined (what the digest covers).</param>
internal sealed record JournalEntry(MigrationOperation Operation, SqlStatement? Statement, StatementEffect? Effect, string Text)
{
    /// <summary>The text as a message shows it.</summary>
    public string Short => PipelineContext.Shorten(Statement?.Sql ?? Text);
}
