using System;
using System.Threading.Tasks;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Batch;

/// <summary>
/// aaPanel's tables as its start-up code leaves them: names in 'single quotes' in the stored CREATE TABLE
/// (<c>ALTER TABLE 'users' ADD 'salt' TEXT</c> splices <c>, 'salt' TEXT</c> into it). A batch rebuild keeps those
/// columns and their rows.
/// </summary>
public sealed class QuotedNamesBatchTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_rebuild_of_a_table_with_single_quoted_column_names_keeps_them_and_their_rows()
    {
        var db = new BatchDatabase(_files.NewPath(), """
            CREATE TABLE 'users' ('id' INTEGER PRIMARY KEY AUTOINCREMENT, 'username' TEXT, 'password' TEXT);
            INSERT INTO users (username, password) VALUES ('admin', 'x');
            ALTER TABLE 'users' ADD 'salt' TEXT;
            UPDATE users SET salt = 'pepper';
            """);

        var runner = db.Runner(op => op.BatchAlterTable("users", t => t.AddColumn("email", SqlType.Text), BatchRecreate.Always),
                               op => op.BatchAlterTable("users", t => t.DropColumn("email")));
        await runner.UpgradeAsync();

        Assert.Equal(["String:admin|String:x|String:pepper|NULL"], db.Rows("SELECT username, password, salt, email FROM users"));
        Assert.Equal("String:id String:username String:password String:salt String:email",
            string.Join(" ", db.Rows("SELECT name FROM pragma_table_info('users') ORDER BY cid")));

        await runner.DowngradeAsync("base");
        Assert.Equal(["String:admin|String:x|String:pepper"], db.Rows("SELECT username, password, salt FROM users"));
    }
}
