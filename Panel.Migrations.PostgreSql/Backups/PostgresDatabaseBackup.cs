using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Panel.Migrations.Backups;

/// <summary>
/// PostgreSQL: <c>pg_dump --format=custom</c> of the migrated database, checked with <c>pg_restore --list</c>. A restore
/// replaces the database's contents in ONE transaction run by <c>psql --single-transaction</c>: every schema but
/// <c>public</c> is dropped, <c>public</c> is emptied (tables, views, sequences, routines, types; not what extensions own),
/// then <c>pg_restore</c>'s script recreates everything, so a failure anywhere leaves the database as it was. The connection
/// travels in <c>PG*</c> environment variables, the password in <c>PGPASSWORD</c>; the arguments name only files.
/// </summary>
internal sealed partial class PostgresDatabaseBackup(MigrationOptions options, string? toolsFolder) : DatabaseBackup(options)
{
    private readonly NpgsqlConnectionStringBuilder _connection = new(options.ConnectionString);

    public override string Name => FileNameOf(Database);

    public override string Extension => ".dump";

    public override string Database => _connection.Database ?? _connection.Username ?? "postgres";

    /// <summary>Finds pg_dump, pg_restore and psql and checks that pg_dump is not older than the server.</summary>
    public override async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var dump = Tool("pg_dump");
        Tool("pg_restore");
        Tool("psql");
        var version = await dump.RunAsync(["--version"], cancellationToken).ConfigureAwait(false);
        var match = VersionPattern().Match(version.Output);
        if (version.ExitCode != 0 || !match.Success)
            throw new MigrationException($"{dump.Path} --version did not say which PostgreSQL version it is ({Scrub(version.Errors + version.Output)}); nothing was changed.");
        var dumpMajor = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int serverMajor;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Options.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            serverMajor = connection.PostgreSqlVersion.Major;
        }

        if (dumpMajor < serverMajor)
            throw new MigrationException(
                $"{dump.Path} is version {dumpMajor}, older than the PostgreSQL {serverMajor} server, so it cannot back the database up; nothing was changed. "
                + $"Install the client tools of version {serverMajor} or newer (Debian/Ubuntu: apt-get install postgresql-client-{serverMajor}) and point "
                + $"{BackupTool.FolderVariable} at their folder (e.g. /usr/lib/postgresql/{serverMajor}/bin), or skip the backup (--no-backup).");
    }

    public override async Task<IReadOnlyList<string>> WriteAsync(string destination, CancellationToken cancellationToken)
    {
        var dump = Tool("pg_dump");
        return await BackupFiles.WriteAsync(destination, replace: false, async temp =>
        {
            // To the file itself, not through a pipe: on a file it can seek, pg_dump records where each table's data starts.
            var result = await dump.RunAsync(["--format=custom", "--no-password", "--file=" + temp], cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new MigrationException($"pg_dump failed (exit {result.ExitCode}): {Scrub(result.Errors)}. Nothing was changed.");
            var info = await InspectAsync(temp, cancellationToken).ConfigureAwait(false);
            return info.Heads ?? [];
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the file's table of contents (<c>pg_restore --list</c>), then all of it (<c>pg_restore --file=-</c>, which fails on
    /// a file cut short anywhere), keeping the version table's rows.
    /// </summary>
    public override async Task<BackupFileInfo> InspectAsync(string file, CancellationToken cancellationToken)
    {
        var restore = Tool("pg_restore");
        var list = await restore.RunAsync(["--list", file], cancellationToken).ConfigureAwait(false);
        if (list.ExitCode != 0)
            throw new MigrationException($"pg_restore --list could not read {file}: {Scrub(list.Errors)}. It is not a complete pg_dump backup.");
        var database = DatabaseLine().Match(list.Output) is { Success: true } name ? name.Groups[1].Value.Trim() : null;
        List<string>? heads = null;
        var whole = await restore.RunAsync(["--file=-", file], cancellationToken, readOutput: async output =>
        {
            using var reader = new StreamReader(output, Encoding.UTF8);
            heads = await VersionRowsAsync(reader, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        if (whole.ExitCode != 0)
            throw new MigrationException($"pg_restore could not read all of {file}: {Scrub(whole.Errors)}. It is cut short or damaged, so it is not a complete pg_dump backup.");
        return new BackupFileInfo(DatabaseKind.PostgreSql, database, heads);
    }

    public override Task RestoreAsync(string file, CancellationToken cancellationToken) => RestoreIntoAsync(file, Options, cancellationToken);

    /// <summary>Empties the database and restores the file, in one transaction: all of it happens, or none.</summary>
    public override async Task RestoreIntoAsync(string file, MigrationOptions target, CancellationToken cancellationToken)
    {
        var restore = Tool("pg_restore");
        var psql = new Runner(BackupTool.Find(toolsFolder, "psql") ?? throw Missing("psql"), new NpgsqlConnectionStringBuilder(target.ConnectionString));
        var script = restore.StartInfo(["--no-owner", "--file=-", file]);
        var result = await psql.RunAsync(["--no-psqlrc", "--quiet", "--no-password", "--single-transaction", "--set=ON_ERROR_STOP=1", "--file=-"], cancellationToken,
            writeInput: async input =>
            {
                await input.WriteAsync(Encoding.UTF8.GetBytes(EmptyTheDatabase), cancellationToken).ConfigureAwait(false);
                var dumped = await BackupTool.RunAsync(script, cancellationToken, readOutput: output => output.CopyToAsync(input, cancellationToken)).ConfigureAwait(false);
                if (dumped.ExitCode != 0)
                    throw new MigrationException($"pg_restore could not read {file}: {Scrub(dumped.Errors)}. Nothing was changed.");
            }).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new MigrationException($"Restoring {file} failed and was rolled back, so the database is as it was: {Scrub(result.Errors)}");
    }

    // Run first in the restore's transaction. Schemas other than public go whole (the script creates them again); public
    // stays (PostgreSQL 15 gives it to pg_database_owner, which a restoring role may not re-create) and is emptied.
    private const string EmptyTheDatabase = """
        SET client_min_messages = warning;
        DO $panel_restore$
        DECLARE
            item record;
        BEGIN
            FOR item IN SELECT format('%I', nspname) AS name FROM pg_namespace
                        WHERE nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%'
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = pg_namespace.oid AND d.deptype = 'e')
            LOOP
                EXECUTE 'DROP SCHEMA IF EXISTS ' || item.name || ' CASCADE';
            END LOOP;
            FOR item IN SELECT c.relkind AS kind, format('public.%I', c.relname) AS name FROM pg_class c
                        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                        ORDER BY c.relkind = 'S'
            LOOP
                EXECUTE CASE item.kind WHEN 'v' THEN 'DROP VIEW IF EXISTS ' WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS '
                                       WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS ' WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS ' ELSE 'DROP TABLE IF EXISTS ' END
                        || item.name || ' CASCADE';
            END LOOP;
            FOR item IN SELECT p.oid::regprocedure::text AS name FROM pg_proc p
                        WHERE p.pronamespace = 'public'::regnamespace
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            LOOP
                EXECUTE 'DROP ROUTINE IF EXISTS ' || item.name || ' CASCADE';
            END LOOP;
            FOR item IN SELECT format('public.%I', t.typname) AS name FROM pg_type t
                        WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'm', 'c') AND t.typelem = 0
                          AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            LOOP
                EXECUTE 'DROP TYPE IF EXISTS ' || item.name || ' CASCADE';
            END LOOP;
        END
        $panel_restore$;

        """;

    // The rows of the version table's COPY block in pg_restore's script (null without one); reads the script to its end.
    private async Task<List<string>?> VersionRowsAsync(StreamReader script, CancellationToken cancellationToken)
    {
        var plain = "." + Options.VersionTable + " (";
        var quoted = ".\"" + Options.VersionTable.Replace("\"", "\"\"", StringComparison.Ordinal) + "\" (";
        List<string>? rows = null;
        var inCopy = false;
        while (await script.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (inCopy)
            {
                if (line == "\\.")
                    inCopy = false;
                else
                    rows!.Add(line.Replace("\\\\", "\\", StringComparison.Ordinal));
            }
            else if (rows is null && line.StartsWith("COPY ", StringComparison.Ordinal) && line.EndsWith("FROM stdin;", StringComparison.Ordinal)
                     && (line.Contains(plain, StringComparison.Ordinal) || line.Contains(quoted, StringComparison.Ordinal)))
            {
                rows = [];
                inCopy = true;
            }
        }

        rows?.Sort(StringComparer.Ordinal);
        return rows;
    }

    private Runner Tool(string name) => new(BackupTool.Find(toolsFolder, name) ?? throw Missing(name), _connection);

    private MigrationException Missing(string name) => new(
        $"{name} was not found {(toolsFolder is null ? "on PATH" : "in " + toolsFolder)}, and the PostgreSQL backup needs it; nothing was changed. "
        + "Install PostgreSQL's client tools of the server's version or newer (Debian/Ubuntu: apt-get install postgresql-client), "
        + $"point {BackupTool.FolderVariable} (or BackupOptions.ToolsFolder) at the folder that holds them, or skip the backup (--no-backup).");

    private string Scrub(string text) => SecretMasker.MaskText(text, _connection.Password);

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^;\s+dbname:\s*(.*)$", RegexOptions.Multiline)]
    private static partial Regex DatabaseLine();

    /// <summary>A PostgreSQL tool bound to a server: libpq's <c>PG*</c> variables carry where to connect and the password.</summary>
    internal sealed class Runner(BackupTool tool, NpgsqlConnectionStringBuilder connection)
    {
        public string Path => tool.Path;

        /// <summary>The environment a run gets: host, port, user, database, TLS mode and password; nothing of it in the arguments.</summary>
        public Dictionary<string, string?> Environment()
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["PGHOST"] = connection.Host,
                ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = connection.Username,
                ["PGDATABASE"] = connection.Database,
                ["PGPASSWORD"] = string.IsNullOrEmpty(connection.Password) ? null : connection.Password,
                ["PGSSLMODE"] = connection.SslMode switch
                {
                    SslMode.Disable => "disable",
                    SslMode.Allow => "allow",
                    SslMode.Require => "require",
                    SslMode.VerifyCA => "verify-ca",
                    SslMode.VerifyFull => "verify-full",
                    _ => "prefer",
                },
                ["PGAPPNAME"] = "panel-migrations backup",
                ["PGCONNECT_TIMEOUT"] = connection.Timeout.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (!string.IsNullOrEmpty(connection.RootCertificate))
                environment["PGSSLROOTCERT"] = connection.RootCertificate;
            return environment;
        }

        public System.Diagnostics.ProcessStartInfo StartInfo(IEnumerable<string> arguments, bool input = false) => tool.StartInfo(arguments, Environment(), input);

        public Task<ToolResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, Func<Stream, Task>? writeInput = null, Func<Stream, Task>? readOutput = null) =>
            BackupTool.RunAsync(StartInfo(arguments, writeInput is not null), cancellationToken, writeInput, readOutput);
    }
}
