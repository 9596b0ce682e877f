using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MySqlConnector;
using Npgsql;
using Panel.Migrations.Backups;
using Panel.Migrations.Schema;
using Panel.Migrations.Tests.Execution;
using Panel.Migrations.Tests.Infrastructure;
using Xunit;

namespace Panel.Migrations.Tests.Cli;

/// <summary>
/// backup, restore, backup verify and the automatic backup on real PostgreSQL and MariaDB servers, with the database's own
/// dump tools found the way the product finds them (PATH, or the folder in PANEL_MIGRATIONS_BACKUP_TOOLS).
/// </summary>
public abstract class ServerBackupTests : IDisposable
{
    private protected readonly CliHarness Cli = new(TestMigrations.Graph("001", "002 <- 001"));

    private protected string ConnectionString { get; private set; } = "";

    private protected string Shown { get; private set; } = "";

    private protected string BackupFolder => Path.Combine(Cli.Folder, "data", "backups");

    private protected abstract DatabaseKind Kind { get; }

    private protected abstract string Extension { get; }

    private protected abstract string CheckDone { get; }

    private protected abstract Task<string> CreateDatabaseAsync();

    private protected abstract (string Uri, string Shown) UriOf(string connectionString);

    private protected abstract DbConnection Connect(string connectionString);

    private protected abstract string DatabaseName(string connectionString);

    private protected abstract string Password(string connectionString);

    private protected abstract string Quote(string name);

    private protected async Task UseNewDatabaseAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        (Cli.Environment["DATABASE_URI"], Shown) = UriOf(ConnectionString);
    }

    private protected async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = Connect(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private protected async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = Connect(ConnectionString);
        await connection.OpenAsync();
        return CatalogQuery.Rows(connection, sql).Select(r => string.Join("|", r.Select(v => v is null or DBNull ? "NULL" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
    }

    // Every table's rows, the version rows, and the schema as the drift check reads it.
    private protected async Task<(List<string> Rows, CatalogEntrySet Schema)> SnapshotAsync()
    {
        var options = new MigrationOptions(Kind, ConnectionString);
        var catalog = CatalogReader.Read(options);
        var rows = new List<string>();
        foreach (var table in catalog.Tables.Select(t => t.Name).Append("alembic_version").Order(StringComparer.Ordinal))
            rows.AddRange((await QueryAsync($"SELECT * FROM {Quote(table)} ORDER BY 1")).Select(r => table + ": " + r));
        return (rows, CatalogEntries.Of(catalog));
    }

    private protected async Task SeedAsync()
    {
        Assert.Equal(0, (await Cli.RunAsync("upgrade")).ExitCode);
        await ExecuteAsync("INSERT INTO t_001 (id, name) VALUES (1, 'alpha'), (2, 'o''hara'), (3, 'قاعدة'), (4, 'back\\slash')");
        await ExecuteAsync("INSERT INTO t_002 (id, name) VALUES (1, 'two')");
    }

    private string BackupFile(string suffix = "") => Path.Combine(BackupFolder, $"{DatabaseName(ConnectionString)}_backup_20250102_030405{suffix}{Extension}");

    private protected async Task Round_trip_backup_break_restore_gives_back_every_row_and_the_schema()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        var before = await SnapshotAsync();

        var backup = await Cli.RunAsync("backup");
        Assert.Equal(0, backup.ExitCode);
        var file = BackupFile();
        Assert.Equal([$"Database: {Shown} (development, from DATABASE_URI)", $"Backup: {file} (at 002, {CheckDone})"], backup.OutLines);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // Break it: rows gone and changed, a table dropped, a stray table, the version moved.
        await ExecuteAsync("DELETE FROM t_001 WHERE id > 2");
        await ExecuteAsync("UPDATE t_001 SET name = 'changed' WHERE id = 1");
        await ExecuteAsync("DROP TABLE t_002");
        await ExecuteAsync("CREATE TABLE stray (id INTEGER PRIMARY KEY)");
        await ExecuteAsync("UPDATE alembic_version SET version_num = '001'");

        var restore = await Cli.RunAsync("restore", file);

        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(
        [
            $"Database: {Shown} (development, from DATABASE_URI)",
            $"Backup: {BackupFile("_2")} (at 001, {CheckDone})",
            $"Restored {file} (at 002) into {Shown}.",
        ], restore.OutLines);
        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.Empty(CatalogDiff.Compare(before.Schema, after.Schema));
        Assert.Equal(["002 (head)"], (await Cli.RunAsync("current")).OutLines);
        foreach (var run in new[] { backup, restore })
            Assert.DoesNotContain(Password(ConnectionString), run.Out + run.Error);
    }

    private protected async Task Upgrade_with_work_backs_up_first_and_an_upgrade_without_work_does_not()
    {
        await UseNewDatabaseAsync();
        var fresh = await Cli.RunAsync("upgrade", "001");
        Assert.DoesNotContain(fresh.OutLines, l => l.StartsWith("Backup:", StringComparison.Ordinal)); // a new database: nothing to keep
        await ExecuteAsync("INSERT INTO t_001 (id, name) VALUES (7, 'kept')");

        var upgrade = await Cli.RunAsync("upgrade");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Equal(
        [
            $"Database: {Shown} (development, from DATABASE_URI)",
            $"Backup: {BackupFile()} (at 001, {CheckDone})",
            "Running upgrade 001 -> 002, create 002",
            "Done: 1 migration(s) applied; the database is at 002.",
        ], upgrade.OutLines.Where(l => !l.StartsWith("WARNING: MySQL/MariaDB DDL is not transactional", StringComparison.Ordinal)));

        var again = await Cli.RunAsync("upgrade");
        Assert.Equal([$"Database: {Shown} (development, from DATABASE_URI)", "Nothing to upgrade: the database is at 002."], again.OutLines);
        Assert.Equal([Path.GetFileName(BackupFile())], Directory.GetFiles(BackupFolder).Select(Path.GetFileName));

        // The automatic backup is the database at 001, with its row: restoring it brings that back.
        Assert.Equal(0, (await Cli.RunAsync("restore", BackupFile(), "--no-backup")).ExitCode);
        Assert.Equal(["001 (head)"[..3]], (await QueryAsync("SELECT version_num FROM alembic_version")));
        Assert.Equal(["7|kept"], await QueryAsync("SELECT id, name FROM t_001"));
    }

    private protected async Task A_missing_tool_is_refused_before_anything_is_written(string tool)
    {
        await UseNewDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("upgrade", "001")).ExitCode);
        var empty = Path.Combine(Cli.Folder, "no-tools");
        Directory.CreateDirectory(empty);
        Cli.Environment[BackupTool.FolderVariable] = empty;
        var before = await SnapshotAsync();

        var upgrade = await Cli.RunAsync("upgrade");

        Assert.Equal(3, upgrade.ExitCode);
        var error = Assert.Single(upgrade.ErrorLines);
        Assert.StartsWith($"FAILED: {tool} was not found in {empty}, and the ", error);
        Assert.Contains("nothing was changed", error);
        Assert.Contains("--no-backup", error);
        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.Empty(CatalogDiff.Compare(before.Schema, after.Schema));
        Assert.False(Directory.Exists(BackupFolder), "a refused backup left a folder");

        Assert.Equal(3, (await Cli.RunAsync("backup")).ExitCode);
        Assert.False(Directory.Exists(BackupFolder));
        Assert.Equal(0, (await Cli.RunAsync("upgrade", "--no-backup")).ExitCode);
    }

    private protected async Task Restore_refuses_a_foreign_file_unless_forced()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        var ours = await SnapshotAsync();

        // A backup of another database on the same server.
        var other = await CreateDatabaseAsync();
        (Cli.Environment["DATABASE_URI"], _) = UriOf(other);
        Assert.Equal(0, (await Cli.RunAsync("upgrade")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("backup", "-o", "other" + Extension)).ExitCode);
        (Cli.Environment["DATABASE_URI"], _) = UriOf(ConnectionString);
        var foreign = Path.Combine(Cli.Folder, "other" + Extension);

        var refused = await Cli.RunAsync("restore", foreign);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            [$"FAILED: {foreign} is a backup of the database {DatabaseName(other)}, not of {DatabaseName(ConnectionString)}; nothing was changed. Run 'restore' with --force to restore it anyway."],
            refused.ErrorLines);

        // A SQLite file, and a file that is no backup at all.
        var sqlite = Path.Combine(Cli.Folder, "panel.db");
        CliHarness.Execute(sqlite, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        var wrongKind = await Cli.RunAsync("restore", sqlite, "--force");
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.Equal([$"FAILED: {sqlite} is a SQLite database file, and the database is {Shown}: it can only be restored into a database of its own kind; nothing was changed."], wrongKind.ErrorLines);
        var text = Path.Combine(Cli.Folder, "notes" + Extension);
        await File.WriteAllTextAsync(text, "-- not a dump\nSELECT 1;\n");
        Assert.Equal([$"FAILED: {text} is not {DatabaseBackup.Describe(Kind)}; nothing was changed."], (await Cli.RunAsync("restore", text)).ErrorLines);

        // A backup at a revision this build does not know.
        Cli.Map = TestMigrations.Graph("001", "002 <- 001", "003 <- 002");
        Assert.Equal(0, (await Cli.RunAsync("upgrade", "--no-backup")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("backup", "-o", "newer" + Extension)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("downgrade", "002", "--no-backup")).ExitCode);
        Cli.Map = TestMigrations.Graph("001", "002 <- 001");
        var newer = Path.Combine(Cli.Folder, "newer" + Extension);
        Assert.Equal(
            [$"FAILED: {newer} is at 003, which this build of the application does not know; nothing was changed. Run 'restore' with --force to restore it anyway."],
            (await Cli.RunAsync("restore", newer)).ErrorLines);

        var after = await SnapshotAsync();
        Assert.Equal(ours.Rows, after.Rows);
        Assert.Empty(CatalogDiff.Compare(ours.Schema, after.Schema));
        Assert.False(Directory.Exists(BackupFolder), "a refused restore backed the database up");

        var forced = await Cli.RunAsync("restore", foreign, "--force", "--no-backup");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Empty(await QueryAsync("SELECT * FROM t_001"));
    }

    private protected async Task A_failed_upgrade_names_the_backup_and_the_command_that_restores_it()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        Cli.Map = TestMigrations.WithFailure("003", "002", "001", "002 <- 001");

        var upgrade = await Cli.RunAsync("upgrade");

        Assert.Equal(3, upgrade.ExitCode);
        var file = BackupFile();
        Assert.Contains($"Backup: {file} (at 002, {CheckDone})", upgrade.OutLines);
        var error = upgrade.Error.TrimEnd();
        Assert.StartsWith("FAILED: Upgrade to 003, fails half-way failed", error);
        Assert.EndsWith($"The database as it was before this run is saved in {file}; to go back to it, run the app's command line with: restore {file}", error);

        Cli.Map = TestMigrations.Graph("001", "002 <- 001");
        var restore = await Cli.RunAsync("restore", file, "--no-backup");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Equal(4, (await QueryAsync("SELECT * FROM t_001")).Count);
    }

    private protected async Task Verify_restores_into_a_scratch_database_and_drops_it(string schemaLine)
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        Assert.Equal(0, (await Cli.RunAsync("backup", "-o", "drill" + Extension)).ExitCode);
        var file = Path.Combine(Cli.Folder, "drill" + Extension);
        await ExecuteAsync("DELETE FROM t_001");

        var verify = await Cli.RunAsync("backup", "verify", file);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(
        [
            $"Database: {Shown} (development, from DATABASE_URI)",
            $"Restored {file} into a scratch database: it is at 002.",
            schemaLine,
        ], verify.OutLines);
        Assert.Empty(await QueryAsync("SELECT * FROM t_001")); // the live database was not touched
        Assert.Empty(await ScratchDatabasesAsync());
    }

    // The dump side's files under the remote side's rules: named by BackupName, listed, marked verified by the drill, pruned.
    private protected async Task Dumps_are_listed_marked_verified_by_the_drill_and_pruned_by_the_retention()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(0, (await Cli.RunAsync("backup")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("backup", "verify", BackupFile())).ExitCode);
        Assert.True(File.Exists(BackupFile() + BackupVerification.Suffix), "backup verify did not mark the backup verified");

        var list = await Cli.RunAsync("backup", "list");

        Assert.True(list.ExitCode == 0, list.ToString());
        var database = DatabaseName(ConnectionString);
        Assert.Equal(
            [$"Backups of {database} in {BackupFolder}: 3", Path.GetFileName(BackupFile("_3")), Path.GetFileName(BackupFile("_2")), Path.GetFileName(BackupFile()) + " verified"],
            list.OutLines.Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), "  [0-9,]+ bytes( |$) *", " ").Trim()));

        var prune = await Cli.RunAsync("backup", "--prune", "--keep", "1");

        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.Contains(prune.OutLines, l => l.StartsWith($"Pruned 2 old backup(s) from {BackupFolder}", StringComparison.Ordinal));
        // The newest one and the newest verified one stay; the sidecar stays with its backup.
        Assert.Equal(
            new[] { BackupFile(), BackupFile() + BackupVerification.Suffix, BackupFile("_4") }.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(BackupFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // MigrationRunner.TryBackupAsync (a schedule's step) on a server: the dump under the run's lock, then the retention.
    private protected async Task TryBackupAsync_dumps_a_server_database_and_prunes_it()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        var backup = new BackupOptions { Folder = BackupFolder, Retention = new BackupRetention { Newest = 1 } };
        var runner = new MigrationRunner(Cli.Map, new MigrationOptions(Kind, ConnectionString));

        var first = await runner.TryBackupAsync(backup, TimeSpan.FromSeconds(5));
        var second = await runner.TryBackupAsync(backup, TimeSpan.FromSeconds(5));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(["002"], second.Heads);
        Assert.Equal(Extension, Path.GetExtension(second.Path));
        Assert.Equal([second.Path], Directory.GetFiles(BackupFolder)); // the first one pruned by the retention
    }

    private protected abstract Task<List<string>> ScratchDatabasesAsync();

    public void Dispose() => Cli.Dispose();
}

/// <summary><see cref="ServerBackupTests"/> on PostgreSQL: pg_dump's custom format, pg_restore, psql.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBackupTests(PostgresFixture postgres) : ServerBackupTests
{
    private protected override DatabaseKind Kind => DatabaseKind.PostgreSql;

    private protected override string Extension => ".dump";

    private protected override string CheckDone => "checked with pg_restore --list";

    private protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync();

    private protected override (string Uri, string Shown) UriOf(string connectionString) => TestDatabaseUris.PostgreSql(connectionString);

    private protected override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

    private protected override string DatabaseName(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private protected override string Password(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Password!;

    private protected override string Quote(string name) => "\"" + name + "\"";

    private protected override Task<List<string>> ScratchDatabasesAsync() =>
        QueryAsync("SELECT datname FROM pg_database WHERE datname LIKE 'panel\\_verify\\_%' OR datname LIKE 'panel\\_drift\\_%'");

    [PostgresFact]
    public Task Round_trip() => Round_trip_backup_break_restore_gives_back_every_row_and_the_schema();

    [PostgresFact]
    public Task Listed_verified_pruned() => Dumps_are_listed_marked_verified_by_the_drill_and_pruned_by_the_retention();

    [PostgresFact]
    public Task Scheduled_step() => TryBackupAsync_dumps_a_server_database_and_prunes_it();

    [PostgresFact]
    public Task Automatic_backup() => Upgrade_with_work_backs_up_first_and_an_upgrade_without_work_does_not();

    [PostgresFact]
    public Task Missing_pg_dump() => A_missing_tool_is_refused_before_anything_is_written("pg_dump");

    [PostgresFact]
    public Task Foreign_files() => Restore_refuses_a_foreign_file_unless_forced();

    [PostgresFact]
    public Task Failed_upgrade() => A_failed_upgrade_names_the_backup_and_the_command_that_restores_it();

    [PostgresFact]
    public Task Verify() => Verify_restores_into_a_scratch_database_and_drops_it("Backup ok: its schema is the one its revisions make (at 002).");

    [PostgresFact]
    public async Task A_dump_cut_short_is_refused_before_anything_is_written()
    {
        await UseNewDatabaseAsync();
        await SeedAsync();
        await ExecuteAsync("CREATE TABLE bulk AS SELECT g AS id, md5(g::text) AS text FROM generate_series(1, 20000) AS g");
        Assert.Equal(0, (await Cli.RunAsync("backup", "-o", "full.dump")).ExitCode);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Cli.Folder, "full.dump"));
        var cut = Path.Combine(Cli.Folder, "cut.dump");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 3 / 4)]); // the table of contents, at the start, stays whole
        await ExecuteAsync("DELETE FROM t_001 WHERE id = 1");
        var before = await SnapshotAsync();

        var restore = await Cli.RunAsync("restore", cut);

        Assert.Equal(3, restore.ExitCode);
        var error = Assert.Single(restore.ErrorLines);
        Assert.StartsWith($"FAILED: pg_restore could not read all of {cut}: ", error);
        Assert.EndsWith("It is cut short or damaged, so it is not a complete pg_dump backup.", error);
        var after = await SnapshotAsync();
        Assert.Equal(before.Rows, after.Rows);
        Assert.Empty(CatalogDiff.Compare(before.Schema, after.Schema));
        Assert.False(Directory.Exists(BackupFolder), "a refused restore backed the database up");
    }

    [PostgresFact]
    public async Task A_pg_dump_older_than_the_server_is_refused_before_anything_is_written()
    {
        if (OperatingSystem.IsWindows())
            return; // a shell script stands in for the old pg_dump
        await UseNewDatabaseAsync();
        Assert.Equal(0, (await Cli.RunAsync("upgrade", "001")).ExitCode);
        // A tools folder as an old client installation leaves it: the real pg_restore and psql, and a pg_dump of 9.6
        // (which says so and would dump nothing, as the refusal must come first).
        var tools = Path.Combine(Cli.Folder, "old-tools");
        Directory.CreateDirectory(tools);
        foreach (var name in new[] { "pg_restore", "psql" })
            File.CreateSymbolicLink(Path.Combine(tools, name), BackupTool.Find(null, name)!.Path);
        var oldDump = Path.Combine(tools, "pg_dump");
        await File.WriteAllTextAsync(oldDump, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        File.SetUnixFileMode(oldDump, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Cli.Environment[BackupTool.FolderVariable] = tools;
        int server;
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            server = connection.PostgreSqlVersion.Major;
        }

        var upgrade = await Cli.RunAsync("upgrade");

        Assert.Equal(3, upgrade.ExitCode);
        Assert.Equal(
            [$"FAILED: {oldDump} is version 9, older than the PostgreSQL {server} server, so it cannot back the database up; nothing was changed. "
             + $"Install the client tools of version {server} or newer (Debian/Ubuntu: apt-get install postgresql-client-{server}) and point "
             + $"PANEL_MIGRATIONS_BACKUP_TOOLS at their folder (e.g. /usr/lib/postgresql/{server}/bin), or skip the backup (--no-backup)."],
            upgrade.ErrorLines);
        Assert.Equal(["001"], await QueryAsync("SELECT version_num FROM alembic_version"));
        Assert.Empty(await QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_name = 't_002'"));
        Assert.False(Directory.Exists(BackupFolder));
    }

    [PostgresFact]
    public async Task The_password_travels_in_the_environment_never_in_the_arguments()
    {
        await UseNewDatabaseAsync();
        var password = Password(ConnectionString);
        var backup = new PostgresDatabaseBackup(MigrationOptions.ForPostgreSql(ConnectionString), null);
        var runner = new PostgresDatabaseBackup.Runner(BackupTool.Find(null, "pg_dump")!, new NpgsqlConnectionStringBuilder(ConnectionString));

        var start = runner.StartInfo(["--format=custom", "--no-password"]);

        Assert.Equal(password, start.Environment["PGPASSWORD"]);
        Assert.DoesNotContain(start.ArgumentList, a => a.Contains(password, StringComparison.Ordinal));
        Assert.Equal(["--format=custom", "--no-password"], start.ArgumentList);
        Assert.Equal(DatabaseName(ConnectionString), backup.Database);
    }
}

/// <summary><see cref="ServerBackupTests"/> on MariaDB: mariadb-dump and the mariadb client, with a 0600 option file.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbBackupTests(MariaDbFixture mariadb) : ServerBackupTests
{
    private protected override DatabaseKind Kind => DatabaseKind.MySql;

    private protected override string Extension => ".sql";

    private protected override string CheckDone => "dump complete";

    private protected override Task<string> CreateDatabaseAsync() => mariadb.CreateDatabaseAsync();

    private protected override (string Uri, string Shown) UriOf(string connectionString) => TestDatabaseUris.MySql(connectionString);

    private protected override DbConnection Connect(string connectionString) => new MySqlConnection(connectionString);

    private protected override string DatabaseName(string connectionString) => new MySqlConnectionStringBuilder(connectionString).Database;

    private protected override string Password(string connectionString) => new MySqlConnectionStringBuilder(connectionString).Password;

    private protected override string Quote(string name) => "`" + name + "`";

    private protected override Task<List<string>> ScratchDatabasesAsync() =>
        QueryAsync("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'panel\\_verify\\_%' OR SCHEMA_NAME LIKE 'panel\\_restore\\_%'");

    [MariaDbFact]
    public Task Round_trip() => Round_trip_backup_break_restore_gives_back_every_row_and_the_schema();

    [MariaDbFact]
    public Task Listed_verified_pruned() => Dumps_are_listed_marked_verified_by_the_drill_and_pruned_by_the_retention();

    [MariaDbFact]
    public Task Scheduled_step() => TryBackupAsync_dumps_a_server_database_and_prunes_it();

    [MariaDbFact]
    public Task Automatic_backup() => Upgrade_with_work_backs_up_first_and_an_upgrade_without_work_does_not();

    [MariaDbFact]
    public Task Missing_mariadb_dump() => A_missing_tool_is_refused_before_anything_is_written("mariadb-dump (or mysqldump)");

    [MariaDbFact]
    public Task Foreign_files() => Restore_refuses_a_foreign_file_unless_forced();

    [MariaDbFact]
    public Task Failed_upgrade() => A_failed_upgrade_names_the_backup_and_the_command_that_restores_it();

    [MariaDbFact]
    public Task Verify() => Verify_restores_into_a_scratch_database_and_drops_it("Schema not compared: the drift check (check --schema) does not support MySQL/MariaDB yet.");

    [MariaDbFact]
    public async Task The_password_travels_in_an_owner_only_option_file_never_in_the_arguments()
    {
        await UseNewDatabaseAsync();
        var password = Password(ConnectionString);
        var tool = BackupTool.Find(null, "mariadb-dump", "mysqldump")!;

        var start = MySqlDatabaseBackup.StartInfo(tool, "/tmp/x.cnf", ["--single-transaction", "panel"]);

        Assert.Equal(["--defaults-extra-file=/tmp/x.cnf", "--single-transaction", "panel"], start.ArgumentList);
        // Nothing is added to the environment the tool inherits from the app.
        Assert.DoesNotContain(start.Environment, e => e.Value != Environment.GetEnvironmentVariable(e.Key));
        Assert.Contains($"password=\"{password}\"", MySqlDatabaseBackup.OptionFileText(new MySqlConnectionStringBuilder(ConnectionString)));
        Assert.Contains("password=\"a\\\\b\"c\"", MySqlDatabaseBackup.OptionFileText(new MySqlConnectionStringBuilder(ConnectionString) { Password = "a\\b\"c" }));

        var optionFiles = Directory.GetFiles(Path.GetTempPath(), "panel-mysql-*.cnf").ToHashSet();
        Assert.Equal(0, (await Cli.RunAsync("upgrade")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("backup")).ExitCode);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "panel-mysql-*.cnf"), f => !optionFiles.Contains(f));
    }
}
