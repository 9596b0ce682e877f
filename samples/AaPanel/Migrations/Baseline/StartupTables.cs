using Panel.Migrations;

namespace AaPanel.Migrations.Baseline;

/// <summary>
/// The 10 tables that aaPanel's <c>class/jobs.py</c> (<c>sql_pacth()</c>) creates on every panel start,
/// as their CREATE statements declare them (the columns it ALTERs in afterwards come in later revisions).
/// </summary>
/// <remarks>
/// Several of these tables hold text in columns declared <c>REAL</c> or <c>INTEGER</c>; see
/// <see cref="AaPanelTypes.TextDeclaredAs"/> for why SQLite keeps those declarations and the servers get text.
/// </remarks>
internal static class StartupTables
{
    /// <summary>The table names, in creation order.</summary>
    public static readonly string[] Names =
    [
        "site_types", "wp_site_types", "download_token", "git_sites_auth", "site_deploy_status",
        "site_deploy_script", "messages", "temp_login", "database_servers", "security",
    ];

    public static void Create(MigrationBuilder op)
    {
        // Website categories: name and ps are text declared REAL.
        op.CreateTable("site_types", t => t.Id()
            .Column("name", op.TextDeclaredAs("REAL"))
            .Column("ps", op.TextDeclaredAs("REAL")));

        // aaPanel seeds this row when it creates the table (and never again), so the baseline does too.
        op.CreateTable("wp_site_types", t => t.Id()
            .Column("name", SqlType.Text)
            .Column("ps", SqlType.Text));
        op.InsertRows("wp_site_types", ["name", "ps"], [["Default category", "Default site type"]]);

        // File share links: token, filename, password and ps are text declared REAL; expire/addtime are epoch seconds.
        op.CreateTable("download_token", t => t.Id()
            .Column("token", op.TextDeclaredAs("REAL"))
            .Column("filename", op.TextDeclaredAs("REAL"))
            .Column("total", SqlType.Integer, serverDefault: "0")
            .Column("expire", SqlType.Integer)
            .Column("password", op.TextDeclaredAs("REAL"))
            .Column("ps", op.TextDeclaredAs("REAL"))
            .Column("addtime", SqlType.Integer));

        // key_path is in the CREATE itself; aaPanel 8.3.0's "ADD key_path" only matters to older panels.
        op.CreateTable("git_sites_auth", t => t.Id()
            .Column("site_id", SqlType.Integer)
            .Column("auth_type", SqlType.Text)
            .Column("oauth_access_token", SqlType.Text)
            .Column("oauth_scope", SqlType.Text)
            .Column("oauth_token_type", SqlType.Text)
            .Column("branch", SqlType.Text)
            .Column("repo", SqlType.Text)
            .Column("key_path", SqlType.Text)
            .Column("number_copies", SqlType.Integer, serverDefault: "5"));

        op.CreateTable("site_deploy_status", t => t.Id()
            .Column("site_id", SqlType.Integer)
            .Column("status", SqlType.Integer)
            .Column("deploy_status", SqlType.Integer)
            .Column("script_path", SqlType.Text)
            .Column("log_path", SqlType.Text)
            .Column("deployment_time", SqlType.Text)
            .Column("execut_time", SqlType.Text)
            .Column("commit_hash", SqlType.Text)
            .Column("commit_hash_short", SqlType.Text)
            .Column("msg", SqlType.Text)
            .Column("author_name", SqlType.Text)
            .Column("committed_time", SqlType.Text));

        op.CreateTable("site_deploy_script", t => t.Id()
            .Column("site_id", SqlType.Integer)
            .Column("title", SqlType.Text)
            .Column("script_path", SqlType.Text)
            .Column("is_webhook", SqlType.Integer, serverDefault: "0"));

        // expire and addtime are epoch seconds.
        op.CreateTable("messages", t => t.Id()
            .Column("level", SqlType.Text)
            .Column("msg", SqlType.Text)
            .Column("state", SqlType.Integer, serverDefault: "0")
            .Column("expire", SqlType.Integer)
            .Column("addtime", SqlType.Integer));

        // Temporary logins: token, salt and login_addr are text declared REAL; the times are epoch seconds.
        op.CreateTable("temp_login", t => t.Id()
            .Column("token", op.TextDeclaredAs("REAL"))
            .Column("salt", op.TextDeclaredAs("REAL"))
            .Column("state", SqlType.Integer)
            .Column("login_time", SqlType.Integer)
            .Column("login_addr", op.TextDeclaredAs("REAL"))
            .Column("logout_time", SqlType.Integer)
            .Column("expire", SqlType.Integer)
            .Column("addtime", SqlType.Integer));

        // Remote database servers: host, port and ps are text declared REAL, user and password text declared
        // INTEGER (on SQLite a password '007123' is stored as 7123, as in aaPanel's own database).
        op.CreateTable("database_servers", t => t.Id()
            .Column("db_host", op.TextDeclaredAs("REAL"))
            .Column("db_port", op.TextDeclaredAs("REAL"))
            .Column("db_user", op.TextDeclaredAs("INTEGER"))
            .Column("db_password", op.TextDeclaredAs("INTEGER"))
            .Column("ps", op.TextDeclaredAs("REAL"))
            .Column("addtime", SqlType.Integer));

        op.CreateTable("security", t => t.Id()
            .Column("type", SqlType.Text)
            .Column("log", SqlType.Text)
            .Column("addtime", SqlType.Integer, serverDefault: "0"));
    }

    public static void Drop(MigrationBuilder op)
    {
        for (var i = Names.Length - 1; i >= 0; i--)
            op.DropTable(Names[i]);
    }
}
