using System;
using System.Linq;
using Panel.Migrations.Graph;
using Xunit;

namespace Panel.Migrations.Tests.Graph;

/// <summary>The table the generator writes into a registry and the runtime reads back at start-up.</summary>
public class RevisionTableTests
{
    private static readonly RevisionTableRow[] Rows =
    [
        new("001", [], "Create sites", [], [], "App.Init", false),
        // Every separator of the format, a newline, quotes, unicode beyond the BMP and a long text inside the fields.
        new("0:2#", ["001"], "line one\nline two: 3# \"quoted\" \\ 名前 😀 " + new string('x', 12_345), ["ssl", ""], ["001", "a:b"], "App.Ssl", true),
        new("", [], "", [], [], "", false),
    ];

    [Fact]
    public void ReadGivesBackWhatWriteWrote()
    {
        var read = RevisionTable.Read(RevisionTable.Write(Rows));

        Assert.Equal(Rows.Length, read.Count);
        for (var i = 0; i < Rows.Length; i++)
        {
            Assert.Equal(Rows[i].Revision, read[i].Revision);
            Assert.Equal(Rows[i].DownRevisions, read[i].DownRevisions);
            Assert.Equal(Rows[i].Message, read[i].Message);
            Assert.Equal(Rows[i].BranchLabels, read[i].BranchLabels);
            Assert.Equal(Rows[i].DependsOn, read[i].DependsOn);
            Assert.Equal(Rows[i].TypeName, read[i].TypeName);
            Assert.Equal(Rows[i].WithoutTransaction, read[i].WithoutTransaction);
        }
    }

    [Fact]
    public void ARowIsItsFieldsLengthPrefixedThenANewline() =>
        Assert.Equal("3:0011#1:a5:hello1#1:x0#8:App.Init4:none0:\n", RevisionTable.Write([new RevisionTableRow("001", ["a"], "hello", ["x"], [], "App.Init", true)]));

    [Fact]
    public void TheFingerprintIsTheLastFieldAndARowWrittenBeforeItReadsWithout()
    {
        var row = Assert.Single(RevisionTable.Read(RevisionTable.Write([new RevisionTableRow("001", [], "", [], [], "App.Init", false, "0123456789abcdef")])));
        Assert.Equal("0123456789abcdef", row.Fingerprint);
        var older = Assert.Single(RevisionTable.Read("3:0010#0:0#0#8:App.Init0:\n"));
        Assert.Equal(("001", "App.Init", ""), (older.Revision, older.TypeName, older.Fingerprint));
    }

    [Fact]
    public void AnEmptyTableHasNoRows() => Assert.Empty(RevisionTable.Read(""));

    [Theory]
    [InlineData("3:001", 5)] // the row stops before its down revisions
    [InlineData("9:001", 2)] // a text longer than what is left
    [InlineData("x:001", 0)] // no length
    [InlineData("3:0010#0:0#0#0:0:", 17)] // no newline at the end of the row
    [InlineData("3:0010#0:0#0#0:0:\n3", 19)] // a second row cut short
    public void AMalformedTableSaysWhereAndHowToFixIt(string table, int at)
    {
        var error = Assert.Throws<FormatException>(() => RevisionTable.Read(table));

        Assert.Equal($"The generated revision table is malformed at character {at}; rebuild the project so that the source generator writes it again.", error.Message);
    }

    [Fact]
    public void TheMapOfATableCreatesEachMigrationWithItsIndex()
    {
        var created = new System.Collections.Generic.List<int>();
        var table = RevisionTable.Write([new RevisionTableRow("a", [], "", [], [], "A", false), new RevisionTableRow("b", ["a"], "", [], [], "B", true)]);

        var map = MigrationMap.FromTable(table, index => { created.Add(index); return new Execution.TestMigrations.CreatesTable(index.ToString(System.Globalization.CultureInfo.InvariantCulture)); });
        _ = map["b"].Factory();
        _ = map["a"].Factory();

        Assert.Equal([1, 0], created);
        Assert.Equal(["a", "b"], map.Migrations.Select(m => m.Revision));
        Assert.Equal(MigrationTransaction.None, map["b"].Transaction);
    }
}
