using System.Threading.Tasks;
using Xunit;

namespace Panel.Migrations.Tests.Analyzers;

/// <summary>
/// Raw SQL that creates (CREATE TABLE, ADD COLUMN, CREATE INDEX) counts as a creation like the builder's: for
/// PMIG002, for the exemption of what Up created when Down drops it (PMIG003), and for new tables (PMIG040...).
/// Raw ADD COLUMN NOT NULL without a default is PMIG050; an UPDATE whose only WHERE is in a subquery is PMIG023. Each
/// change of an ALTER TABLE with several counts on its own.
/// </summary>
public class RawSqlCreationTests
{
    private static string M(string up, string down) => SqliteAndCompatibilityTests.M(up, down);

    [Fact]
    public Task Raw_create_in_Up_and_drop_in_Down_is_silent() => Verify.Analyzer(M(
        """
        op.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE INDEX ix_notes_body ON notes (body)");
        op.Execute("ALTER TABLE sites ADD COLUMN note TEXT");
        """,
        """
        op.Execute("ALTER TABLE sites DROP COLUMN note");
        op.Execute("DROP INDEX ix_notes_body; DROP TABLE notes");
        """));

    [Fact]
    public Task Raw_creations_undone_by_the_builder_need_no_raw_inverse() => Verify.Analyzer(M(
        """
        op.Execute("CREATE TABLE IF NOT EXISTS \"notes\" (id INTEGER PRIMARY KEY)");
        op.Execute("ALTER TABLE sites ADD note TEXT DEFAULT ''");
        """,
        """
        op.BatchAlterTable("sites", t => t.DropColumn("note"));
        op.DropTable("notes");
        """));

    [Fact]
    public Task Raw_creations_Down_leaves_are_PMIG002() => Verify.Analyzer(M(
        """
        {|PMIG002:op.Execute("CREATE INDEX ix_sites_name ON sites (name)")|};
        {|PMIG002:op.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")|};
        """,
        """op.Execute("SELECT 1");"""));

    [Fact]
    public Task Each_change_of_a_multi_change_ALTER_counts_like_a_statement_of_its_own() => Verify.Analyzer(M(
        """
        {|PMIG002:op.Execute("ALTER TABLE sites ADD COLUMN a INT, ADD COLUMN b INT")|};
        {|PMIG003:op.Execute("ALTER TABLE sites ADD COLUMN c NUMERIC(10, 2), DROP COLUMN old")|};
        """,
        """op.Execute("ALTER TABLE sites DROP COLUMN c, DROP COLUMN a");"""), dialects: "postgresql");

    [Fact]
    public Task A_table_created_by_raw_SQL_is_new_for_the_lock_rules() => Verify.Analyzer(M(
        """
        op.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        op.CreateIndex("ix_notes_body", "notes", ["body"]);
        op.Execute("ALTER TABLE notes ADD COLUMN n INTEGER NOT NULL");
        """,
        """op.Execute("DROP TABLE notes");"""), dialects: "postgresql");

    [Fact]
    public Task Raw_ADD_COLUMN_NOT_NULL_without_default_is_PMIG050() => Verify.Analyzer(M(
        """
        {|PMIG050:op.Execute("ALTER TABLE sites ADD COLUMN code TEXT NOT NULL")|};
        {|PMIG050:op.Execute("ALTER TABLE 'crontab' ADD 'flock' INTEGER NOT NULL")|};
        op.Execute("ALTER TABLE sites ADD COLUMN kind TEXT NOT NULL DEFAULT 'php'");
        op.Execute("ALTER TABLE sites ADD COLUMN note TEXT");
        """,
        """op.Execute("ALTER TABLE sites DROP COLUMN note; ALTER TABLE sites DROP COLUMN kind; ALTER TABLE 'crontab' DROP 'flock'; ALTER TABLE sites DROP COLUMN code");"""));

    [Fact]
    public Task An_UPDATE_whose_only_WHERE_is_in_a_subquery_is_PMIG023() => Verify.Analyzer(M(
        """
        {|PMIG023:op.Execute("UPDATE sites SET ps = (SELECT name FROM users WHERE users.id = sites.uid)")|};
        op.Execute("DELETE FROM logs WHERE id IN (SELECT id FROM logs ORDER BY id LIMIT 10)");
        op.Execute("UPDATE 'crontab' SET 'db_type'='mysql' WHERE sType='database' and db_type=''");
        """,
        """op.Execute("SELECT 1");"""));
}
