using System;

namespace Panel.Migrations.Tests.Batch;

/// <summary>A migration whose Up and Down are given as lambdas, for one-off test revisions.</summary>
internal sealed class LambdaMigration(Action<MigrationBuilder> up, Action<MigrationBuilder>? down) : Migration
{
    public override void Up(MigrationBuilder op) => up(op);

    public override void Down(MigrationBuilder op) => (down ?? throw new InvalidOperationException("no Down"))(op);
}
