using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using Panel.Migrations.Schema;

namespace Panel.Migrations.Backups;

/// <summary>
/// MySQL/MariaDB: <c>mariadb-dump</c> (or <c>mysqldump</c>) <c>--single-transaction --routines --triggers</c> as plain SQL,
/// checked by its closing <c>-- Dump completed</c> line. MySQL cannot undo DDL, so a restore first loads the file into a
/// scratch database (a file that does not load changes nothing), then drops the live database's tables, views, sequences
/// and routines and loads it there. The connection and password travel in an option file only the owner may read, passed
/// with <c>--defaults-extra-file</c> and deleted after the run.
/// </summary>
internal sealed partial class MySqlDatabaseBackup(MigrationOptions options, string? toolsFolder) : DatabaseBackup(options)
{
    private readonly MySqlConnectionStringBuilder _connection = new(options.ConnectionString);

    public override string Name => FileNameOf(Database);

    public override string Extension => ".sql";

    public override string Database => _connection.Database;

    /// <summary>Finds the dump and client programs and checks that the dump program runs.</summary>
    public override async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var dump = DumpTool();
        Client();
        var version = await BackupTool.RunAsync(dump.StartInfo(["--version"], new Dictionary<string, string?>()), cancellationToken).ConfigureAwait(false);
        if (version.ExitCode != 0)
            throw new MigrationException($"{dump.Path} --version failed ({version.Errors}); the MySQL/MariaDB backup cannot be taken; nothing was changed.");
    }

    public override async Task<IReadOnlyList<string>> WriteAsync(string destination, CancellationToken cancellationToken)
    {
        var dump = DumpTool();
        return await BackupFiles.WriteAsync(destination, replace: false, async temp =>
        {
            ToolResult result;
            await using (var file = new FileStream(temp, FileMode.Truncate, FileAccess.Write))
                result = await RunAsync(dump, _connection, ["--single-transaction", "--routines", "--triggers", "--hex-blob", "--no-tablespaces", "--default-character-set=utf8mb4", Database],
                                        cancellationToken, readOutput: output => output.CopyToAsync(file, cancellationToken)).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new MigrationException($"{dump.Name} failed (exit {result.ExitCode}): {Scrub(result.Errors)}. Nothing was changed.");
            return (await InspectAsync(temp, cancellationToken).ConfigureAwait(false)).Heads ?? [];
        }).ConfigureAwait(false);
    }

    /// <summary>Reads the dump's header (its database), its end (complete?) and the version table's rows.</summary>
    public override async Task<BackupFileInfo> InspectAsync(string file, CancellationToken cancellationToken)
    {
        string? database = null;
        string? last = null;
        var hasTable = false;
        StringBuilder? rows = null;
        List<string>? values = null;
        var create = $"CREATE TABLE `{Quote(Options.VersionTable)}` (";
        var insert = $"INSERT INTO `{Quote(Options.VersionTable)}` VALUES";
        using (var reader = new StreamReader(file, Encoding.UTF8))
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                    continue;
                last = line;
                if (database is null && HostLine().Match(line) is { Success: true } header)
                    database = header.Groups[1].Value.Trim();
                else if (!hasTable && line.StartsWith(create, StringComparison.Ordinal))
                    hasTable = true;
                else if (rows is null && line.StartsWith(insert, StringComparison.Ordinal))
                    rows = new StringBuilder(line[insert.Length..]);
                else if (rows is not null && values is null)
                    rows.Append(line);
                // The version rows: one INSERT, over one or more lines, ending with ';'.
                if (rows is not null && values is null && line.TrimEnd().EndsWith(';'))
                    values = Quoted().Matches(rows.ToString()).Select(m => Regex.Unescape(m.Groups[1].Value)).Order(StringComparer.Ordinal).ToList();
            }
        }

        if (last is null || !last.StartsWith("-- Dump completed", StringComparison.Ordinal))
            throw new MigrationException($"{file} does not end with the '-- Dump completed' line mariadb-dump/mysqldump writes last: it is cut off or was not made by them.");
        return new BackupFileInfo(DatabaseKind.MySql, database, hasTable ? values ?? [] : null);
    }

    /// <summary>Loads the file into a scratch database first, then empties the live database and loads it there.</summary>
    public override async Task RestoreAsync(string file, CancellationToken cancellationToken)
    {
        await using (var scratch = await ScratchDatabase.CreateAsync(Options, cancellationToken, "panel_restore_").ConfigureAwait(false))
            await RestoreIntoAsync(file, scratch.Options, cancellationToken).ConfigureAwait(false);

        await using (var connection = new MySqlConnection(new MySqlConnectionStringBuilder(Options.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var drops = new List<string>();
            foreach (var row in CatalogQuery.Rows(connection, "SELECT TABLE_TYPE, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_TYPE = 'VIEW' DESC"))
                drops.Add($"DROP {(row[0] as string) switch { "VIEW" => "VIEW", "SEQUENCE" => "SEQUENCE", _ => "TABLE" }} IF EXISTS `{Quote((string)row[1]!)}`");
            foreach (var row in CatalogQuery.Rows(connection, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"))
                drops.Add($"DROP {((string)row[0]! == "FUNCTION" ? "FUNCTION" : "PROCEDURE")} IF EXISTS `{Quote((string)row[1]!)}`");
            await using var command = connection.CreateCommand();
            command.CommandText = "SET FOREIGN_KEY_CHECKS = 0";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            foreach (var drop in drops)
            {
                command.CommandText = drop;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            await RestoreIntoAsync(file, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException error)
        {
            throw new MigrationException(error.Message + " MySQL/MariaDB cannot undo DDL, so the database is now partly restored; restore the backup taken just before (or the file again).", error);
        }
    }

    public override async Task RestoreIntoAsync(string file, MigrationOptions target, CancellationToken cancellationToken)
    {
        var client = Client();
        var into = new MySqlConnectionStringBuilder(target.ConnectionString);
        var result = await RunAsync(client, into, ["--batch", "--database=" + into.Database], cancellationToken,
            writeInput: async input =>
            {
                await using var dump = File.OpenRead(file);
                await dump.CopyToAsync(input, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new MigrationException($"Loading {file} into {into.Database} failed: {Scrub(result.Errors)}.");
    }

    /// <summary>
    /// The start of a run of <paramref name="tool"/> with <paramref name="optionFile"/> as its first argument (the only
    /// place the client programs accept it); for tests that check what <c>ps</c> would show.
    /// </summary>
    public static System.Diagnostics.ProcessStartInfo StartInfo(BackupTool tool, string optionFile, IEnumerable<string> arguments, bool input = false) =>
        tool.StartInfo(new[] { "--defaults-extra-file=" + optionFile }.Concat(arguments), new Dictionary<string, string?>(), input);

    /// <summary>
    /// The <c>[client]</c> option file of <paramref name="connection"/>: host, port, user, password (quoted, backslashes
    /// escaped), TLS; for the server, read by every client program.
    /// </summary>
    public static string OptionFileText(MySqlConnectionStringBuilder connection)
    {
        var text = new StringBuilder("[client]\n");
        if (connection.Server.StartsWith('/'))
            text.Append("socket=").Append(Value(connection.Server)).Append('\n');
        else
            text.Append("host=").Append(Value(connection.Server)).Append("\nport=").Append(connection.Port).Append("\nprotocol=tcp\n");
        text.Append("user=").Append(Value(connection.UserID)).Append('\n');
        if (!string.IsNullOrEmpty(connection.Password))
            text.Append("password=").Append(Value(connection.Password)).Append('\n');
        if (connection.SslMode is MySqlSslMode.Required or MySqlSslMode.VerifyCA or MySqlSslMode.VerifyFull)
            text.Append("ssl\n");
        if (connection.SslMode is MySqlSslMode.VerifyCA or MySqlSslMode.VerifyFull)
            text.Append("ssl-verify-server-cert\n");
        if (!string.IsNullOrEmpty(connection.SslCa))
            text.Append("ssl-ca=").Append(Value(connection.SslCa)).Append('\n');
        return text.ToString();

        static string Value(string value) =>
            "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
    }

    // The option file lives only as long as the run, in a folder of the owner's, readable by the owner alone.
    private static async Task<ToolResult> RunAsync(BackupTool tool, MySqlConnectionStringBuilder connection, IEnumerable<string> arguments, CancellationToken cancellationToken,
                                                   Func<Stream, Task>? writeInput = null, Func<Stream, Task>? readOutput = null)
    {
        var optionFile = Path.Combine(Path.GetTempPath(), "panel-mysql-" + Guid.NewGuid().ToString("N") + ".cnf");
        try
        {
            await using (var stream = BackupFiles.CreateOwnerOnly(optionFile))
                await stream.WriteAsync(Encoding.UTF8.GetBytes(OptionFileText(connection)), cancellationToken).ConfigureAwait(false);
            return await BackupTool.RunAsync(StartInfo(tool, optionFile, arguments, writeInput is not null), cancellationToken, writeInput, readOutput).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(optionFile);
        }
    }

    private BackupTool DumpTool() => BackupTool.Find(toolsFolder, "mariadb-dump", "mysqldump") ?? throw Missing("mariadb-dump (or mysqldump)");

    private BackupTool Client() => BackupTool.Find(toolsFolder, "mariadb", "mysql") ?? throw Missing("mariadb (or mysql)");

    private MigrationException Missing(string name) => new(
        $"{name} was not found {(toolsFolder is null ? "on PATH" : "in " + toolsFolder)}, and the MySQL/MariaDB backup needs it; nothing was changed. "
        + "Install the client programs (Debian/Ubuntu: apt-get install mariadb-client, or mysql-client for MySQL), "
        + $"point {BackupTool.FolderVariable} (or BackupOptions.ToolsFolder) at the folder that holds them, or skip the backup (--no-backup).");

    private string Scrub(string text) => SecretMasker.MaskText(text, _connection.Password);

    private static string Quote(string name) => name.Replace("`", "``", StringComparison.Ordinal);

    [GeneratedRegex(@"^-- Host: .*\bDatabase: (.*)$")]
    private static partial Regex HostLine();

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex Quoted();
}
