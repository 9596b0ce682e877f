using Panel.Migrations;

namespace AaPanel.Migrations.Baseline;

/// <summary>
/// The 12 tables that ship inside aaPanel's <c>data/default.db</c> (unchanged since aaPanel 6.0.5), as their
/// <c>sqlite_master.sql</c> declares them: every column nullable, no default, no constraint but the key.
/// </summary>
internal static class ShippedTables
{
    /// <summary>The table names, in creation order.</summary>
    public static readonly string[] Names =
        ["backup", "binding", "config", "crontab", "databases", "firewall", "ftps", "logs", "sites", "domain", "users", "tasks"];

    public static void Create(MigrationBuilder op)
    {
        // type: 0 = site, 1 = database; pid points to sites.id or databases.id accordingly.
        op.CreateTable("backup", t => t.Id()
            .Column("type", SqlType.Integer)
            .Column("name", SqlType.Text)
            .Column("pid", SqlType.Integer)
            .Column("filename", SqlType.Text)
            .Column("size", SqlType.Integer)
            .Column("addtime", SqlType.Text));

        op.CreateTable("binding", t => t.Id()
            .Column("pid", SqlType.Integer)
            .Column("domain", SqlType.Text)
            .Column("path", SqlType.Text)
            .Column("port", SqlType.Integer)
            .Column("addtime", SqlType.Text));

        op.CreateTable("config", t => t.Id()
            .Column("webserver", SqlType.Text)
            .Column("backup_path", SqlType.Text)
            .Column("sites_path", SqlType.Text)
            .Column("status", SqlType.Integer)
            .Column("mysql_root", SqlType.Text));

        // Eight columns at ship time; the schedule columns (status, save, backupTo, ...) come in a later revision.
        op.CreateTable("crontab", t => t.Id()
            .Column("name", SqlType.Text)
            .Column("type", SqlType.Text)
            .Column("where1", SqlType.Text)
            .Column("where_hour", SqlType.Integer)
            .Column("where_minute", SqlType.Integer)
            .Column("echo", SqlType.Text)
            .Column("addtime", SqlType.Text));

        op.CreateTable("databases", t => t.Id()
            .Column("pid", SqlType.Integer)
            .Column("name", SqlType.Text)
            .Column("username", SqlType.Text)
            .Column("password", SqlType.Text)
            .Column("accept", SqlType.Text)
            .Column("ps", SqlType.Text)
            .Column("addtime", SqlType.Text));

        op.CreateTable("firewall", t => t.Id()
            .Column("port", SqlType.Text)
            .Column("ps", SqlType.Text)
            .Column("addtime", SqlType.Text));

        op.CreateTable("ftps", t => t.Id()
            .Column("pid", SqlType.Integer)
            .Column("name", SqlType.Text)
            .Column("password", SqlType.Text)
            .Column("path", SqlType.Text)
            .Column("status", SqlType.Text)
            .Column("ps", SqlType.Text)
            .Column("addtime", SqlType.Text));

        op.CreateTable("logs", t => t.Id()
            .Column("type", SqlType.Text)
            .Column("log", SqlType.Text)
            .Column("addtime", SqlType.Text));

        // "index" is a reserved word: the dialects quote every identifier.
        op.CreateTable("sites", t => t.Id()
            .Column("name", SqlType.Text)
            .Column("path", SqlType.Text)
            .Column("status", SqlType.Text)
            .Column("index", SqlType.Text)
            .Column("ps", SqlType.Text)
            .Column("addtime", SqlType.Text));

        op.CreateTable("domain", t => t.Id()
            .Column("pid", SqlType.Integer)
            .Column("name", SqlType.Text)
            .Column("port", SqlType.Integer)
            .Column("addtime", SqlType.Text));

        op.CreateTable("users", t => t.Id()
            .Column("username", SqlType.Text)
            .Column("password", SqlType.Text)
            .Column("login_ip", SqlType.Text)
            .Column("login_time", SqlType.Text)
            .Column("phone", SqlType.Text)
            .Column("email", SqlType.Text));

        // The install queue: execstr is the shell command; start and end (reserved words) are epoch seconds.
        op.CreateTable("tasks", t => t.Id()
            .Column("name", SqlType.Text)
            .Column("type", SqlType.Text)
            .Column("status", SqlType.Text)
            .Column("addtime", SqlType.Text)
            .Column("start", SqlType.Integer)
            .Column("end", SqlType.Integer)
            .Column("execstr", SqlType.Text));
    }

    public static void Drop(MigrationBuilder op)
    {
        for (var i = Names.Length - 1; i >= 0; i--)
            op.DropTable(Names[i]);
    }
}
