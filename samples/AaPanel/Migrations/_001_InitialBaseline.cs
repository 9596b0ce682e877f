using AaPanel.Migrations.Baseline;
using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// The baseline: the 27 tables of a running aaPanel (v8.10.0) panel database, with their indexes and trigger,
/// as aaPanel's own CREATE statements declare them: the 12 tables shipped in <c>data/default.db</c>, the 10
/// that every panel start adds, and the 5 firewall tables. The columns aaPanel added later with
/// <c>ALTER TABLE ... ADD</c> are the revisions that follow.
/// </summary>
/// <remarks>
/// A panel that aaPanel itself set up already has these tables: adopt it with <c>stamp 001</c>, then
/// <c>upgrade</c>; never run this revision on it.
/// </remarks>
[Migration("001", Message = "initial baseline")]
public sealed class InitialBaseline : Migration
{
    public override void Up(MigrationBuilder op)
    {
        ShippedTables.Create(op);
        StartupTables.Create(op);
        FirewallTables.Create(op);
    }

    public override void Down(MigrationBuilder op)
    {
        FirewallTables.Drop(op);
        StartupTables.Drop(op);
        ShippedTables.Drop(op);
    }
}
