using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Batch;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// The child of <see cref="SignalTests"/> (<c>dotnet Panel.Migrations.Tests.dll cli-child ARGS...</c>): the command line over
/// <see cref="Map"/>, on the database of <c>DATABASE_URI</c>, as an app's <c>Program.cs</c> runs it.
/// </summary>
internal static class SignalChild
{
    /// <summary>s1 creates a table; s2 runs one statement that takes minutes on SQLite unless it is interrupted; s3 follows.</summary>
    public static readonly MigrationMap Map = new([
        new MigrationInfo("s1", [], "first", () => new LambdaMigration(op => op.Execute("CREATE TABLE first_table (id INTEGER PRIMARY KEY)"), op => op.Execute("DROP TABLE first_table"))),
        new MigrationInfo("s2", ["s1"], "a long statement", () => new LambdaMigration(
            op =>
            {
                op.Execute("CREATE TABLE second_table (id INTEGER PRIMARY KEY)");
                op.Execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT COUNT(*) FROM c");
            },
            op => op.Execute("DROP TABLE second_table"))),
        new MigrationInfo("s3", ["s2"], "third", () => new LambdaMigration(op => op.Execute("CREATE TABLE third_table (id INTEGER PRIMARY KEY)"), op => op.Execute("DROP TABLE third_table"))),
    ]);

    public static Task<int> RunAsync(string[] args) => MigrationCommandLine.RunAsync(args, Map);
}
