using System;
using System.Collections.Generic;
using System.Linq;
using Panel.Migrations.Graph;
using Xunit;

namespace Panel.Migrations.Tests.Graph;

/// <summary>
/// Small helpers that keep graph tests readable: a graph is written as lines such as
/// <c>"c &lt;- a, b label=x depends=y"</c>, and a plan is read back as one line per step.
/// </summary>
internal static class GraphSpec
{
    /// <summary>Parses lines like <c>"b &lt;- a"</c>, <c>"a"</c> (a base), <c>"m &lt;- b1, b2 label=l1,l2 depends=x"</c>, a squash <c>"s &lt;- p replaces=a,b,c"</c>.</summary>
    public static RevisionNode[] Nodes(params string[] lines) => lines.Select(Node).ToArray();

    public static RevisionGraph Parse(params string[] lines) => RevisionGraph.Build(Nodes(lines));

    /// <summary>The revisions a plan runs, in order.</summary>
    public static string[] Ids(RevisionWalk plan) => plan.Steps.Select(s => s.Revision).ToArray();

    /// <summary>One line per step: <c>"rev: VERSION CHANGE => heads after"</c>.</summary>
    public static string[] Trace(RevisionWalk plan) =>
        plan.Steps.Select(s => $"{s.Revision}: {s.Change} => {string.Join(" ", s.HeadsAfter)}").ToArray();

    public static string[] Heads(params string[] ids) => ids;

    /// <summary>The message of the <see cref="RevisionGraphException"/> the action throws.</summary>
    public static string Error(Action action) => Assert.Throws<RevisionGraphException>(action).Message;

    private static RevisionNode Node(string line)
    {
        var parts = line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        var id = parts[0];
        var down = new List<string>();
        var labels = new List<string>();
        var depends = new List<string>();
        var replaces = new List<string>();
        var i = 1;
        if (i < parts.Count && parts[i] == "<-")
        {
            for (i++; i < parts.Count && !parts[i].Contains('='); i++)
            {
                down.AddRange(parts[i].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        for (; i < parts.Count; i++)
        {
            var (key, value) = (parts[i].Split('=')[0], parts[i].Split('=')[1].Split(','));
            (key == "label" ? labels : key == "depends" ? depends : key == "replaces" ? replaces : throw new ArgumentException("Unknown key in: " + line)).AddRange(value);
        }

        return new RevisionNode(id, down, labels, depends, replaces);
    }
}
