using Panel.Migrations;

namespace AaPanel.Migrations;

/// <summary>Column shapes that recur in aaPanel's tables.</summary>
internal static class AaPanelTypes
{
    /// <summary>
    /// aaPanel's key column, <c>id INTEGER PRIMARY KEY AUTOINCREMENT</c>, on every table.
    /// </summary>
    public static CreateTableBuilder Id(this CreateTableBuilder t) =>
        t.Column("id", SqlType.Integer, nullable: false, primaryKey: true, autoIncrement: true);

    /// <summary>
    /// A column that holds text but that aaPanel declares with a non-text type: <c>REAL</c>
    /// (site_types.name, download_token.token, temp_login.salt, ...), <c>INTEGER</c>
    /// (database_servers.db_user/db_password, sites.edate) or <c>STRING</c>, which SQLite does not know and
    /// gives NUMERIC affinity (sites.project_type, backup.ps, ...).
    /// <para>
    /// On SQLite the declaration is kept exactly, so that a panel created by this baseline stores values the
    /// way aaPanel's own database does (affinity: '3306' in a REAL column reads back as 3306.0, '007123' in an
    /// INTEGER column as 7123) and a database aaPanel created and one we created cannot be told apart.
    /// On PostgreSQL and MySQL no legacy database exists, and those types would reject the text aaPanel
    /// writes (a REAL column refuses a token), so the column is plain text there.
    /// </para>
    /// </summary>
    /// <param name="op">The builder, whose <see cref="MigrationBuilder.Database"/> decides.</param>
    /// <param name="sqliteDeclaration">aaPanel's declared type, kept verbatim on SQLite.</param>
    public static SqlType TextDeclaredAs(this MigrationBuilder op, string sqliteDeclaration) =>
        op.Database == DatabaseKind.Sqlite ? SqlType.Custom(sqliteDeclaration) : SqlType.Text;
}
