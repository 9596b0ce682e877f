using System;
using System.Collections.Generic;
using System.Text;
using Panel.Migrations.Graph;
using Panel.Migrations.Pipeline;

namespace Panel.Migrations.Cli;

/// <summary>
/// Alembic's two renderings of a revision: the short line (<c>Script._head_only</c>) used by <c>current</c>,
/// <c>heads</c>, <c>history</c> and <c>branches</c>, and the verbose entry (<c>Script.log_entry</c>) used by
/// <c>show</c> and <c>--verbose</c>.
/// </summary>
internal sealed class RevisionText
{
    private readonly MigrationMap _map;
    private readonly Func<string, Ansi, string> _paint;
    private readonly HashSet<string> _current;
    private readonly HashSet<string> _heads;
    private readonly HashSet<string> _realHeads;
    private readonly HashSet<string> _branchPoints;
    private readonly HashSet<string> _mergePoints;

    public RevisionText(MigrationMap map, Func<string, Ansi, string> paint, IEnumerable<string>? current = null)
    {
        _map = map;
        _paint = paint;
        _current = new HashSet<string>(current ?? [], StringComparer.Ordinal);
        _heads = new HashSet<string>(map.Graph.Heads, StringComparer.Ordinal);
        _realHeads = new HashSet<string>(map.Graph.RealHeads, StringComparer.Ordinal);
        _branchPoints = new HashSet<string>(map.Graph.BranchPoints, StringComparer.Ordinal);
        _mergePoints = new HashSet<string>(map.Graph.MergePoints, StringComparer.Ordinal);
    }

    /// <summary>
    /// <c>&lt;rev&gt;[ (labels)][ (head)][ (effective head)][ (current)][ (branchpoint)][ (mergepoint)][, doc]</c>,
    /// prefixed by <c>&lt;down&gt; -&gt; </c> when <paramref name="parents"/> is set.
    /// </summary>
    public string Short(string id, bool branches = false, bool doc = false, bool parents = false, bool tree = true)
    {
        var node = _map.Graph[id];
        var text = new StringBuilder();
        if (parents)
        {
            text.Append(Parents(node));
            if (node.DependsOn.Count > 0)
            {
                text.Append(" (").Append(string.Join(", ", node.DependsOn)).Append(')');
            }

            text.Append(" -> ");
        }

        text.Append(id);
        var labels = _map.Graph.BranchLabelsOf(id);
        if (branches && labels.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", labels)).Append(')');
        }

        if (_realHeads.Contains(id))
        {
            text.Append(' ').Append(_paint("(head)", Ansi.Green));
        }

        if (_heads.Contains(id) && !_realHeads.Contains(id))
        {
            text.Append(' ').Append(_paint("(effective head)", Ansi.Green));
        }

        if (_current.Contains(id))
        {
            text.Append(' ').Append(_paint("(current)", Ansi.Cyan));
        }

        if (tree)
        {
            if (_branchPoints.Contains(id))
            {
                text.Append(' ').Append(_paint("(branchpoint)", Ansi.Yellow));
            }

            if (_mergePoints.Contains(id))
            {
                text.Append(' ').Append(_paint("(mergepoint)", Ansi.Yellow));
            }
        }

        if (doc)
        {
            text.Append(", ").Append(_map[id].Message);
        }

        return text.ToString();
    }

    /// <summary>The verbose entry; it ends with a new line, so printing it as a line leaves a blank line after it.</summary>
    public string Verbose(string id)
    {
        var node = _map.Graph[id];
        var info = _map[id];
        var text = new StringBuilder("Rev: ").Append(id);
        if (_heads.Contains(id))
        {
            text.Append(' ').Append(_paint("(head)", Ansi.Green));
        }

        if (_branchPoints.Contains(id))
        {
            text.Append(' ').Append(_paint("(branchpoint)", Ansi.Yellow));
        }

        if (_mergePoints.Contains(id))
        {
            text.Append(' ').Append(_paint("(mergepoint)", Ansi.Yellow));
        }

        if (_current.Contains(id))
        {
            text.Append(' ').Append(_paint("(current)", Ansi.Cyan));
        }

        text.Append('\n');
        text.Append(_mergePoints.Contains(id) ? "Merges: " : "Parent: ").Append(Parents(node)).Append('\n');
        if (node.DependsOn.Count > 0)
        {
            text.Append("Also depends on: ").Append(string.Join(", ", node.DependsOn)).Append('\n');
        }

        if (_branchPoints.Contains(id))
        {
            text.Append("Branches into: ").Append(string.Join(", ", _map.Graph.Children(id))).Append('\n');
        }

        var labels = _map.Graph.BranchLabelsOf(id);
        if (labels.Count > 0)
        {
            text.Append("Branch names: ").Append(string.Join(", ", labels)).Append('\n');
        }

        if (info.TypeName is not null)
        {
            text.Append("Class: ").Append(info.TypeName).Append('\n');
        }

        text.Append('\n');
        foreach (var line in info.Message.Split('\n'))
        {
            text.Append("    ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return text.ToString();
    }

    private static string Parents(RevisionNode node) =>
        PipelineContext.HeadsText(node.DownRevisions);
}
