using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Execution;

namespace Panel.Migrations.Backups;

/// <summary>What a backup file says about itself.</summary>
/// <param name="Kind">The kind of database it is a backup of.</param>
/// <param name="Database">The name of the database it was taken of (null for SQLite, whose files carry no name).</param>
/// <param name="Heads">The revisions in its version table; null when it has none.</param>
internal sealed record BackupFileInfo(DatabaseKind Kind, string? Database, IReadOnlyList<string>? Heads);

/// <summary>
/// Backups of one database with the tool its administrators trust: SQLite's online backup API, <c>pg_dump</c>'s custom
/// format, <c>mariadb-dump</c>/<c>mysqldump</c>'s SQL. Each kind writes a checked file, tells what a file holds, and
/// restores one, into the live database or into an empty scratch one.
/// </summary>
internal abstract class DatabaseBackup
{
    protected DatabaseBackup(MigrationOptions options) => Options = options;

    /// <summary>The database backed up.</summary>
    public MigrationOptions Options { get; }

    /// <summary>The start of the backup files' names: the SQLite file's name, or the database's.</summary>
    public abstract string Name { get; }

    /// <summary>The backup files' extension: <c>.db</c>, <c>.dump</c> (pg_dump custom format) or <c>.sql</c>.</summary>
    public abstract string Extension { get; }


    /// <summary>The database a file of this kind names (null for SQLite).</summary>
    public abstract string? Database { get; }

    /// <summary>The backups of <paramref name="options"/>'s database, with the tools found in <paramref name="toolsFolder"/> or on PATH.</summary>
    public static DatabaseBackup For(MigrationOptions options, string? toolsFolder) => options.Kind switch
    {
        DatabaseKind.Sqlite => new SqliteDatabaseBackup(options),
        _ => DatabaseProviders.For(options.Kind).CreateBackup(options, toolsFolder),
    };

    /// <summary>Refuses, before anything is written, when a tool is missing or cannot back up this server.</summary>
    public virtual Task EnsureReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes a new backup to <paramref name="destination"/> (which must not exist), checked and owner-only; returns its revisions.</summary>
    public abstract Task<IReadOnlyList<string>> WriteAsync(string destination, CancellationToken cancellationToken);

    /// <summary>What <paramref name="file"/> holds; the caller checked its kind with <see cref="KindOf"/>.</summary>
    public abstract Task<BackupFileInfo> InspectAsync(string file, CancellationToken cancellationToken);

    /// <summary>Replaces the live database with <paramref name="file"/>.</summary>
    public abstract Task RestoreAsync(string file, CancellationToken cancellationToken);

    /// <summary>Restores <paramref name="file"/> into the empty database of <paramref name="target"/> (a scratch database).</summary>
    public abstract Task RestoreIntoAsync(string file, MigrationOptions target, CancellationToken cancellationToken);

    /// <summary>The kind of database <paramref name="file"/> is a backup of, read from its first bytes; null when it is none we write.</summary>
    public static DatabaseKind? KindOf(string file)
    {
        var head = new byte[4096];
        int read;
        using (var stream = File.OpenRead(file))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith("SQLite format 3\0"u8))
            return DatabaseKind.Sqlite;
        if (bytes.StartsWith("PGDMP"u8))
            return DatabaseKind.PostgreSql;
        // mariadb-dump may open with a "sandbox mode" comment line before its header.
        var text = Encoding.UTF8.GetString(bytes);
        return text.Contains("-- MariaDB dump ", StringComparison.Ordinal) || text.Contains("-- MySQL dump ", StringComparison.Ordinal) ? DatabaseKind.MySql : null;
    }

    /// <summary>The check a new backup of <paramref name="kind"/> passed, as a user reads it.</summary>
    public static string CheckDone(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => "integrity check ok",
        DatabaseKind.PostgreSql => "checked with pg_restore --list",
        _ => "dump complete",
    };

    /// <summary>How a kind's backups are called in messages.</summary>
    public static string Describe(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => "a SQLite database file",
        DatabaseKind.PostgreSql => "a PostgreSQL backup (pg_dump custom format)",
        _ => "a MySQL/MariaDB backup (mariadb-dump/mysqldump)",
    };

    /// <summary>A name that is safe as the start of a file name.</summary>
    protected static string FileNameOf(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
            safe.Append(Array.IndexOf(invalid, c) >= 0 || c == ' ' ? '_' : c);
        return safe.ToString();
    }
}
