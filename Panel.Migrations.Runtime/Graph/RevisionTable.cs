using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Panel.Migrations.Graph;

/// <summary>
/// The revisions of a generated registry as one string: the source generator writes it, the runtime reads it at
/// start-up. One string constant costs the JIT nothing per revision, where the same table written as constructor
/// calls took about 40 ms to compile at every start-up of an app with 1,000 migrations.
/// </summary>
/// <remarks>
/// One row per revision, ending in a newline: revision, down revisions, message, branch labels, depends-on, class name,
/// transaction, fingerprint (a table written before the fingerprint existed ends its rows after the transaction), then,
/// for a squash only, the revisions it replaces (so every other row keeps the shape it had before squashes). A text is written as its length in decimal digits, <c>:</c>, then the text itself (<c>6:r00001</c>), so
/// any character can appear in it; a list as its count, <c>#</c>, then its texts.
/// </remarks>
internal static class RevisionTable
{
    private const string NoTransaction = "none";

    /// <summary>The table of <paramref name="rows"/>.</summary>
    public static string Write(IEnumerable<RevisionTableRow> rows)
    {
        var table = new StringBuilder();
        foreach (var row in rows)
        {
            Text(table, row.Revision);
            List(table, row.DownRevisions);
            Text(table, row.Message);
            List(table, row.BranchLabels);
            List(table, row.DependsOn);
            Text(table, row.TypeName);
            Text(table, row.WithoutTransaction ? NoTransaction : "");
            Text(table, row.Fingerprint);
            if (row.Replaces.Count > 0)
                List(table, row.Replaces);
            table.Append('\n');
        }
        return table.ToString();
    }

    /// <summary>The rows of <paramref name="table"/>, in order.</summary>
    /// <exception cref="FormatException">The table was not written by <see cref="Write"/>.</exception>
    public static List<RevisionTableRow> Read(string table)
    {
        var rows = new List<RevisionTableRow>();
        var reader = new Reader(table);
        while (!reader.AtEnd)
        {
            rows.Add(new RevisionTableRow(
                reader.Text(), reader.List(), reader.Text(), reader.List(), reader.List(), reader.Text(), reader.Text() == NoTransaction,
                reader.AtRowEnd ? "" : reader.Text(), reader.AtRowEnd ? [] : reader.List()));
            reader.Expect('\n');
        }
        return rows;
    }

    private static void Text(StringBuilder table, string text) =>
        table.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);

    private static void List(StringBuilder table, IReadOnlyList<string> texts)
    {
        table.Append(texts.Count.ToString(CultureInfo.InvariantCulture)).Append('#');
        foreach (var text in texts)
            Text(table, text);
    }

    private struct Reader(string table)
    {
        private int _at;

        public readonly bool AtEnd => _at == table.Length;

        public readonly bool AtRowEnd => AtEnd || table[_at] == '\n';

        public string Text()
        {
            var length = Number(':');
            if (length > table.Length - _at)
                throw Malformed();
            var text = table.Substring(_at, length);
            _at += length;
            return text;
        }

        public string[] List()
        {
            var texts = new string[Number('#')];
            for (var i = 0; i < texts.Length; i++)
                texts[i] = Text();
            return texts;
        }

        public void Expect(char end)
        {
            if (AtEnd || table[_at] != end)
                throw Malformed();
            _at++;
        }

        private int Number(char end)
        {
            var start = _at;
            var value = 0;
            while (!AtEnd && table[_at] is >= '0' and <= '9' && _at - start < 9)
                value = value * 10 + (table[_at++] - '0');
            if (_at == start)
                throw Malformed();
            Expect(end);
            return value;
        }

        private readonly FormatException Malformed() =>
            new($"The generated revision table is malformed at character {_at}; rebuild the project so that the source generator writes it again.");
    }
}

/// <summary>One revision of a <see cref="RevisionTable"/>.</summary>
internal sealed class RevisionTableRow(string revision, IReadOnlyList<string> downRevisions, string message, IReadOnlyList<string> branchLabels,
                                       IReadOnlyList<string> dependsOn, string typeName, bool withoutTransaction, string fingerprint = "",
                                       IReadOnlyList<string>? replaces = null)
{
    /// <summary>For a squash, the revisions it replaces; empty otherwise.</summary>
    public IReadOnlyList<string> Replaces { get; } = replaces ?? [];

    /// <summary>The generator's fingerprint of the migration class's source; "" when the class uses code outside itself.</summary>
    public string Fingerprint { get; } = fingerprint;

    public string Revision { get; } = revision;

    public IReadOnlyList<string> DownRevisions { get; } = downRevisions;

    public string Message { get; } = message;

    public IReadOnlyList<string> BranchLabels { get; } = branchLabels;

    public IReadOnlyList<string> DependsOn { get; } = dependsOn;

    /// <summary>The migration class, for display.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>Whether the migration runs outside a transaction (<c>MigrationTransaction.None</c>).</summary>
    public bool WithoutTransaction { get; } = withoutTransaction;
}
