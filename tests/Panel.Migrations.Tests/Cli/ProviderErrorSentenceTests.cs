using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// #25 item 8: SQLite's numbered errors ("SQLite Error 26", 14, 11) reach the user as a sentence that names the file,
/// the problem and the fix, with exit 3, and the file is left as it was.
/// </summary>
public sealed class ProviderErrorSentenceTests : IDisposable
{
    private readonly CliHarness _cli = new(TestMigrations.Graph("001", "002 <- 001"));

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("current")]
    [InlineData("upgrade")]
    [InlineData("check")]
    public async Task A_file_that_is_not_a_database_is_named_as_such(string command)
    {
        var path = Path.Combine(_cli.Folder, "panel.ini");
        File.WriteAllText(path, "[panel]\nport = 8888\nthis is not a database, but long enough to have a header's worth of bytes in it\n");
        var before = File.ReadAllBytes(path);

        var run = await RunOn(path, command);

        Assert.Equal((ExitCodes.DatabaseError, $"FAILED: {path} is not a SQLite database (SQLite error 26: file is not a database); nothing was changed. Check DATABASE_URI: it names some other kind of file.\n"),
                     (run.ExitCode, run.Error));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("current")]
    [InlineData("upgrade")]
    public async Task A_folder_is_named_as_a_folder(string command)
    {
        var path = Path.Combine(_cli.Folder, "panel.db");
        Directory.CreateDirectory(path);

        var run = await RunOn(path, command);

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.StartsWith($"FAILED: {path} is a folder, not a SQLite database file (SQLite error 14)", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Theory]
    [InlineData("current")]
    [InlineData("upgrade")]
    public async Task A_damaged_database_points_to_its_backups(string command)
    {
        await _cli.RunAsync("upgrade", "001");
        CliHarness.Execute(_cli.DatabasePath, "CREATE TABLE filler (x TEXT); INSERT INTO filler VALUES (zeroblob(20000));");
        using (var file = new FileStream(_cli.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096; // page 2 onwards: the header and sqlite_master stay readable, the tables do not
            file.Write(Enumerable.Repeat((byte)0xFF, 3 * 4096).ToArray());
        }

        var before = File.ReadAllBytes(_cli.DatabasePath);

        var run = await RunOn(_cli.DatabasePath, command);

        Assert.Equal(ExitCodes.DatabaseError, run.ExitCode);
        Assert.Contains($"The SQLite database {_cli.DatabasePath} is damaged (SQLite error 11: database disk image is malformed); nothing was changed. Restore the newest backup", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_cli.DatabasePath));
    }

    private Task<CliRun> RunOn(string path, string command)
    {
        _cli.Environment["DATABASE_URI"] = "sqlite:///" + path;
        return _cli.RunAsync(command);
    }
}
