using System;
using System.IO;
using System.Threading.Tasks;
using Panel.Migrations.Cli;
using Panel.Migrations.Tests.Concurrency;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>#25: a command started in a folder that was deleted meanwhile crashed with a stack trace.</summary>
public sealed class DeletedCurrentFolderTests : IDisposable
{
    private readonly SqliteFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_deleted_current_folder_is_a_clear_error_not_a_crash()
    {
        var gone = Path.Combine(_files.Folder, "gone");
        Directory.CreateDirectory(gone);
        var database = Path.Combine(_files.Folder, "panel.db");

        // The shell enters the folder, deletes it, then runs the sample there.
        var run = await SampleProcesses.RunThroughAsync(["sh", "-c", "cd \"$0\" && rmdir \"$0\" && exec \"$@\"", gone], null, "sqlite:///" + database, "current");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("FAILED: The current folder no longer exists (it was deleted or moved). Change to an existing folder, e.g. 'cd ~', and run the command again.\n", run.Error);
        Assert.False(File.Exists(database));
    }
}
