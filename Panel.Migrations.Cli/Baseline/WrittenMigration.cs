using System.Collections.Generic;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Cli.Baseline;

/// <summary>
/// A migration that <c>baseline</c> or <c>squash</c> writes, as data first: the operations of its <c>Up</c> and
/// <c>Down</c>, exactly those its printed class records when it runs. So it can be run on a scratch database (and
/// proven) before <see cref="MigrationCode"/> prints it as C#.
/// </summary>
/// <param name="Revision">The new revision id.</param>
/// <param name="DownRevision">The revision below it, or null for a base.</param>
/// <param name="Message">The revision's message.</param>
/// <param name="Replaces">For a squash, the revisions it replaces, oldest first; null for a baseline.</param>
/// <param name="WrittenBy">What wrote it, for the file's header.</param>
/// <param name="Up">The operations of <c>Up</c>, in order.</param>
/// <param name="Down">The operations of <c>Down</c>, in order.</param>
internal sealed record WrittenMigration(string Revision, string? DownRevision, string Message, IReadOnlyList<string>? Replaces, string WrittenBy,
                                        IReadOnlyList<MigrationOperation> Up, IReadOnlyList<MigrationOperation> Down)
{
    /// <summary>The migration as a map entry whose class replays these operations, as the printed class will.</summary>
    public MigrationInfo ToInfo() =>
        new(Revision, DownRevision is null ? [] : [DownRevision], Message, () => new Replay(this), replaces: Replaces);

    private sealed class Replay(WrittenMigration migration) : Migration
    {
        public override void Up(MigrationBuilder op)
        {
            foreach (var operation in migration.Up)
                op.Add(operation);
        }

        public override void Down(MigrationBuilder op)
        {
            foreach (var operation in migration.Down)
                op.Add(operation);
        }
    }
}
