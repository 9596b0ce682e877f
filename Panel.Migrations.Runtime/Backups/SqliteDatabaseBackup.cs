using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Backups;

/// <summary>SQLite files: online copies with the backup API (<see cref="SqliteBackup"/>), restored by an atomic rename.</summary>
internal sealed class SqliteDatabaseBackup(MigrationOptions options) : DatabaseBackup(options)
{
    /// <summary>The live file.</summary>
    public string File { get; } = AutomaticBackup.SqliteFile(options.ConnectionString)
        ?? throw new MigrationException("An in-memory SQLite database has no file to back up or restore.");

    public override string Name => Path.GetFileNameWithoutExtension(File);

    public override string Extension => ".db";

    public override string? Database => null;

    public override Task<IReadOnlyList<string>> WriteAsync(string destination, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteBackup.Copy(File, destination, Options.VersionTable));

    public override Task<BackupFileInfo> InspectAsync(string file, CancellationToken cancellationToken) =>
        Task.FromResult(new BackupFileInfo(DatabaseKind.Sqlite, null, SqliteBackup.Inspect(file, Options.VersionTable)));

    /// <summary>
    /// When the owner or group of the file could not be kept by the last <see cref="RestoreAsync"/>, a sentence saying so
    /// and how to give them back; null otherwise.
    /// </summary>
    public string? OwnershipNote { get; private set; }

    /// <summary>
    /// Refuses while another process or connection uses the file, then renames a checked copy over it. Through a link the
    /// link's target is replaced (the link stays); the file's mode, owner and group are kept.
    /// </summary>
    public override Task RestoreAsync(string file, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        var target = RealPath.Of(File); // once: the check and the rename below are about the same file
        SqliteBackup.EnsureNotInUse(target);
        OwnershipNote = SqliteBackup.Replace(file, target, Options.VersionTable);
        foreach (var sidecar in SqliteBackup.Sidecars(target))
        {
            if (System.IO.File.Exists(sidecar) && new FileInfo(sidecar).Length == 0)
                System.IO.File.Delete(sidecar);
        }

        return Task.CompletedTask;
    }

    public override Task RestoreIntoAsync(string file, MigrationOptions target, CancellationToken cancellationToken)
    {
        SqliteBackup.Copy(file, new SqliteConnectionStringBuilder(target.ConnectionString).DataSource, Options.VersionTable, replace: true);
        return Task.CompletedTask;
    }
}
