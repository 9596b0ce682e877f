using System;
using Panel.Migrations;

namespace AaPanel.Migrations.Baseline;

/// <summary>
/// The 5 tables, 5 indexes and 1 trigger that aaPanel's firewall module
/// (<c>class_v2/safeModelV2/firewallModel.py</c>) creates on every panel start.
/// </summary>
/// <remarks>
/// aaPanel writes the text defaults of these tables both as <c>''</c> and as <c>""</c>; SQLite reads a
/// double-quoted word it cannot resolve as a string, PostgreSQL and MySQL (ANSI mode) as a column name,
/// so every one of them is the portable <c>''</c> here. aaPanel's third index,
/// <c>firewall_malicious_ip_address</c>, is left out: its table is never created, so it never exists.
/// </remarks>
internal static class FirewallTables
{
    /// <summary>The table names, in creation order.</summary>
    public static readonly string[] Names = ["firewall_new", "firewall_ip", "firewall_trans", "firewall_country", "firewall_domain"];

    /// <summary>The indexes: name, table, column.</summary>
    public static readonly (string Name, string Table, string Column)[] Indexes =
    [
        ("firewall_new_port", "firewall_new", "ports"),
        ("firewall_ip_addr", "firewall_ip", "address"),
        ("firewall_trans_port", "firewall_trans", "start_port"),
        ("firewall_country_name", "firewall_country", "country"),
        ("firewall_domain_addr", "firewall_domain", "domain"),
    ];

    /// <summary>The trigger that deletes a legacy <c>firewall</c> port's rules from the new tables.</summary>
    public const string TriggerName = "update_port";

    public static void Create(MigrationBuilder op)
    {
        // Port rules; the domain, sid and chain columns come in a later revision.
        op.CreateTable("firewall_new", t => t.Id()
            .Column("protocol", SqlType.Text, serverDefault: "''")
            .Column("ports", SqlType.Text)
            .Column("types", SqlType.Text)
            .Column("address", SqlType.Text, serverDefault: "''")
            .Column("brief", SqlType.Text, serverDefault: "''")
            .Column("addtime", SqlType.Text, serverDefault: "''"));

        // IP rules: sid, domain and chain are in the CREATE itself (aaPanel's ALTERs of them are no-ops).
        op.CreateTable("firewall_ip", t => t.Id()
            .Column("types", SqlType.Text)
            .Column("address", SqlType.Text, serverDefault: "''")
            .Column("brief", SqlType.Text, serverDefault: "''")
            .Column("addtime", SqlType.Text, serverDefault: "''")
            .Column("sid", SqlType.Integer, serverDefault: "0")
            .Column("domain", SqlType.Text, serverDefault: "''")
            .Column("chain", SqlType.Text, serverDefault: "''"));

        // Port forwarding.
        op.CreateTable("firewall_trans", t => t.Id()
            .Column("start_port", SqlType.Text)
            .Column("ended_ip", SqlType.Text)
            .Column("ended_port", SqlType.Text)
            .Column("protocol", SqlType.Text, serverDefault: "''")
            .Column("addtime", SqlType.Text, serverDefault: "''"));

        // Country/region block rules; the ports column comes in a later revision.
        op.CreateTable("firewall_country", t => t.Id()
            .Column("types", SqlType.Text)
            .Column("country", SqlType.Text, serverDefault: "''")
            .Column("brief", SqlType.Text, serverDefault: "''")
            .Column("addtime", SqlType.Text, serverDefault: "''"));

        // Domain rules. aaPanel declares sid "int": SQLite gives it INTEGER affinity, the same as Integer.
        op.CreateTable("firewall_domain", t => t.Id()
            .Column("types", SqlType.Text)
            .Column("domain", SqlType.Text)
            .Column("domain_total", SqlType.Text)
            .Column("port", SqlType.Text)
            .Column("sid", SqlType.Integer, serverDefault: "0")
            .Column("address", SqlType.Text, serverDefault: "''")
            .Column("brief", SqlType.Text, serverDefault: "''")
            .Column("protocol", SqlType.Text, serverDefault: "''")
            .Column("addtime", SqlType.Text, serverDefault: "''"));

        foreach (var (name, table, column) in Indexes)
            op.CreateIndex(name, table, [column]);

        foreach (var sql in CreateTrigger(op.Database))
            op.Execute(sql);
    }

    public static void Drop(MigrationBuilder op)
    {
        foreach (var sql in DropTrigger(op.Database))
            op.Execute(sql);

        for (var i = Indexes.Length - 1; i >= 0; i--)
            op.DropIndex(Indexes[i].Name, Indexes[i].Table);

        for (var i = Names.Length - 1; i >= 0; i--)
            op.DropTable(Names[i]);
    }

    /// <summary>
    /// The trigger has no portable operation: each database gets its own text. Deleting a row of the legacy
    /// <c>firewall</c> table whose port is not empty deletes the port rule and the IP rule that carry that port.
    /// </summary>
    private static string[] CreateTrigger(DatabaseKind database) => database switch
    {
        // aaPanel's own text, so that sqlite_master reads the same as on a panel aaPanel set up.
        DatabaseKind.Sqlite =>
        [
            """
            CREATE TRIGGER update_port AFTER DELETE ON firewall
                    when old.port!=''
                    BEGIN
                        delete from firewall_new where ports = old.port;
                        delete from firewall_ip where address = old.port;
                    END
            """,
        ],
        // PostgreSQL triggers run a function; the WHEN clause keeps SQLite's semantics (a NULL port does nothing).
        DatabaseKind.PostgreSql =>
        [
            """
            CREATE FUNCTION update_port() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM firewall_new WHERE ports = OLD.port;
                DELETE FROM firewall_ip WHERE address = OLD.port;
                RETURN OLD;
            END
            $$
            """,
            """
            CREATE TRIGGER update_port AFTER DELETE ON firewall
                FOR EACH ROW WHEN (OLD.port <> '') EXECUTE FUNCTION update_port()
            """,
        ],
        // MySQL has no WHEN clause on triggers; the IF does the same. Sent as one statement, no DELIMITER needed.
        DatabaseKind.MySql =>
        [
            """
            CREATE TRIGGER update_port AFTER DELETE ON firewall
            FOR EACH ROW
            BEGIN
                IF OLD.port <> '' THEN
                    DELETE FROM firewall_new WHERE ports = OLD.port;
                    DELETE FROM firewall_ip WHERE address = OLD.port;
                END IF;
            END
            """,
        ],
        _ => throw new NotSupportedException($"The aaPanel baseline has no update_port trigger for {database}."),
    };

    private static string[] DropTrigger(DatabaseKind database) => database switch
    {
        DatabaseKind.Sqlite => ["DROP TRIGGER update_port"],
        DatabaseKind.PostgreSql => ["DROP TRIGGER update_port ON firewall", "DROP FUNCTION update_port()"],
        DatabaseKind.MySql => ["DROP TRIGGER update_port"],
        _ => throw new NotSupportedException($"The aaPanel baseline has no update_port trigger for {database}."),
    };
}
