using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>
/// The firewall module's later columns (6.8.37 on): port rules bound to a domain, a server and an iptables
/// chain (<c>firewall_new.domain</c>, <c>sid</c>, <c>chain</c>), and ports on country rules
/// (<c>firewall_country.ports</c>). aaPanel's other firewall ALTERs add columns that the baseline's
/// CREATE statements already have (firewall_ip.sid/domain/chain, firewall_domain.domain_total).
/// </summary>
[Migration("0e7a6bfdf9fe", DownRevision = "0fd0242d76ee", Message = "add firewall rule columns")]
public sealed class AddFirewallRuleColumns : Migration
{
    public override void Up(MigrationBuilder op)
    {
        // aaPanel writes DEFAULT "" (a double-quoted string SQLite tolerates); '' is the portable spelling.
        op.BatchAlterTable("firewall_new", t => t
            .AddColumn("domain", SqlType.Text, serverDefault: "''", ifNotExists: true)
            .AddColumn("sid", SqlType.Integer, serverDefault: "0", ifNotExists: true)
            .AddColumn("chain", SqlType.Text, serverDefault: "''", ifNotExists: true));
        op.BatchAlterTable("firewall_country", t => t.AddColumn("ports", SqlType.Text, serverDefault: "''", ifNotExists: true));
    }

    public override void Down(MigrationBuilder op)
    {
        op.BatchAlterTable("firewall_country", t => t.DropColumn("ports"));
        op.BatchAlterTable("firewall_new", t => t
            .DropColumn("chain")
            .DropColumn("sid")
            .DropColumn("domain"));
    }
}
