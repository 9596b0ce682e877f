using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Execution;

/// <summary>
/// Our applied-migrations log, next to Alembic's version table (Alembic ignores it). On every database it holds one
/// <c>done</c> row per applied step with the checksum of the migration's rendered operations, when it ran, how long
/// it took (<c>duration_ms</c>) and on which host; <c>check</c> and <c>upgrade</c> compare the checksums with the code.
/// Where DDL is not transactional it also holds one row per attempt to run a migration. The row is written before the first statement (the intent);
/// before each statement <c>statement_running</c> names it, and once it has committed <c>statements_done</c> counts it
/// (with <c>statements_digest</c>, a hash of the done statements' text): a journal one statement behind the database is
/// therefore always marked as such (running = done + 1), and the next run reads the catalog to settle it. The row ends
/// <c>done</c> (in the same transaction that moves the version table) or <c>failed</c> with the error; a refusal by the
/// database sets <c>statement_running</c> back to <c>statements_done</c> (the statement certainly did not take effect). A
/// row left <c>running</c> means the process died mid-migration; <c>stamp</c> marks unfinished rows <c>abandoned</c>.
/// </summary>
internal sealed class MigrationLog(SqlDialect dialect, string versionTable)
{
    /// <summary>The log table's name for this version table.</summary>
    public string Name { get; } = NameFor(versionTable);

    /// <summary>The log table's name for a version table: <c>panel_migrations_log</c> next to <c>alembic_version</c>.</summary>
    public static string NameFor(string versionTable) => versionTable == "alembic_version" ? "panel_migrations_log" : versionTable + "_panel_log";

    public string CreateSql =>
        $"CREATE TABLE IF NOT EXISTS {Q(Name)} (" +
        $"{Q("id")} {dialect.RenderType(SqlType.String(32))} NOT NULL, " +
        $"{Q("revision")} {dialect.RenderType(SqlType.String(32))} NOT NULL, " +
        $"{Q("direction")} {dialect.RenderType(SqlType.String(9))} NOT NULL, " +
        $"{Q("started_at")} {dialect.RenderType(SqlType.DateTime)} NOT NULL, " +
        $"{Q("finished_at")} {dialect.RenderType(SqlType.DateTime)}, " +
        $"{Q("status")} {dialect.RenderType(SqlType.String(9))} NOT NULL, " +
        $"{Q("statements_done")} {dialect.RenderType(SqlType.Integer)} NOT NULL, " +
        $"{Q("statements_total")} {dialect.RenderType(SqlType.Integer)} NOT NULL, " +
        $"{Q("error")} {dialect.RenderType(SqlType.Text)}, " +
        $"{Q("checksum")} {dialect.RenderType(SqlType.String(64))}, " +
        $"{Q("host")} {dialect.RenderType(SqlType.String(255))}, " +
        $"{Q("duration_ms")} {dialect.RenderType(SqlType.BigInteger)}, " +
        $"{Q("fingerprint")} {dialect.RenderType(SqlType.String(64))}, " +
        $"{Q("statement_running")} {dialect.RenderType(SqlType.Integer)}, " +
        $"{Q("statements_digest")} {dialect.RenderType(SqlType.String(64))}, " +
        $"{Q("checksum_version")} {dialect.RenderType(SqlType.Integer)}, " +
        $"CONSTRAINT {Q(Name + "_pkc")} PRIMARY KEY ({Q("id")})){dialect.KeyOnlyTableSuffix}";

    /// <summary>The columns added after the first release; a log table made by it gets them on first use.</summary>
    private static readonly (string Name, SqlType Type)[] LaterColumns =
        [("checksum", SqlType.String(64)), ("host", SqlType.String(255)), ("duration_ms", SqlType.BigInteger), ("fingerprint", SqlType.String(64)),
         ("statement_running", SqlType.Integer), ("statements_digest", SqlType.String(64)), ("checksum_version", SqlType.Integer)];

    /// <summary>
    /// A row id that sorts in the order rows were written: the UTC ticks (19 digits), then 13 random hex digits.
    /// Time columns cannot order rows of the same second (MySQL's DATETIME keeps whole seconds).
    /// </summary>
    private static string NewId() =>
        DateTime.UtcNow.Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N").Substring(0, 13);

    // UTC, but of unspecified kind: Npgsql sends a UTC DateTime as timestamptz, which PostgreSQL would convert to the
    // session's time zone on the way into the log's zone-less column; an unspecified one is stored as it is.
    private static DateTime Now => DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);

    /// <summary>The host recorded with each row (read once: each read of the machine name is a system call).</summary>
    public static string Host { get; } = Environment.MachineName.Length <= 255 ? Environment.MachineName : Environment.MachineName.Substring(0, 255);

    /// <summary>Creates the table if needed and adds the columns an older log table lacks.</summary>
    public async Task EnsureAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new SqlStatement(CreateSql), transaction, cancellationToken).ConfigureAwait(false);
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = Commands.Create(connection, new SqlStatement($"SELECT * FROM {Q(Name)} WHERE 1 = 0"), transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < reader.FieldCount; i++)
                present.Add(reader.GetName(i));
        }
        foreach (var (column, type) in LaterColumns)
        {
            if (!present.Contains(column))
                await connection.ExecuteAsync(new SqlStatement($"ALTER TABLE {Q(Name)} ADD {Q(column)} {dialect.RenderType(type)}"), transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the table if needed and records the intent to run a migration; returns the attempt's id. A resumed step
    /// starts with the <paramref name="done"/> statements an earlier attempt applied (and their <paramref name="digest"/>).
    /// </summary>
    public async Task<string> StartAsync(DbConnection connection, string revision, MigrationDirection direction, int total, StepIdentity identity, CancellationToken cancellationToken,
                                         int done = 0, string? digest = null)
    {
        await EnsureAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var id = NewId();
        await connection.ExecuteAsync(new SqlStatement(
            $"INSERT INTO {Q(Name)} ({Q("id")}, {Q("revision")}, {Q("direction")}, {Q("started_at")}, {Q("status")}, {Q("statements_done")}, {Q("statements_total")}, " +
            $"{Q("checksum")}, {Q("host")}, {Q("fingerprint")}, {Q("statement_running")}, {Q("statements_digest")}, {Q("checksum_version")}) " +
            "VALUES (@id, @revision, @direction, @now, 'running', @done, @total, @checksum, @host, @fingerprint, @done, @digest, @checksum_version)",
            [new("id", id), new("revision", revision), new("direction", Direction(direction)), new("now", Now), new("total", total),
             new("checksum", identity.Checksum), new("host", Host), new("fingerprint", identity.Fingerprint), new("done", done), new("digest", digest),
             new("checksum_version", identity.ChecksumVersion)]),
            null, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private string? _recordSql; // built for the first step, the same for the rest
    private string? _recordTimedByServerSql;

    /// <summary>The row that records a step applied in the transaction that moves the version table, as done.</summary>
    public SqlStatement Record(string revision, MigrationDirection direction, int total, StepIdentity identity, DateTime startedUtc, TimeSpan elapsed) =>
        new(_recordSql ??= DoneRow("@started", "@now", "@ms"),
            [.. DoneArguments(revision, direction, total, identity), new("started", DateTime.SpecifyKind(startedUtc, DateTimeKind.Unspecified)), new("now", Now),
             new("ms", (long)elapsed.TotalMilliseconds)]);

    /// <summary>
    /// The same row for a step sent in a <see cref="StepPipeline"/> (PostgreSQL): the server fills in when the step started
    /// and finished and how long it took, and returns the duration.
    /// </summary>
    public SqlStatement RecordTimedByServer(string revision, MigrationDirection direction, int total, StepIdentity identity) =>
        new(_recordTimedByServerSql ??= DoneRow(StepPipeline.StartedUtcSql, StepPipeline.NowUtcSql, StepPipeline.ElapsedMsSql) +
                                        $" RETURNING {Q("duration_ms")} AS {StepPipeline.DurationColumn}",
            DoneArguments(revision, direction, total, identity));

    private string DoneRow(string started, string finished, string milliseconds) =>
        $"INSERT INTO {Q(Name)} ({Q("id")}, {Q("revision")}, {Q("direction")}, {Q("started_at")}, {Q("finished_at")}, {Q("status")}, {Q("statements_done")}, " +
        $"{Q("statements_total")}, {Q("checksum")}, {Q("host")}, {Q("duration_ms")}, {Q("fingerprint")}, {Q("checksum_version")}) " +
        $"VALUES (@id, @revision, @direction, {started}, {finished}, 'done', @total, @total, @checksum, @host, {milliseconds}, @fingerprint, @checksum_version)";

    private static SqlArgument[] DoneArguments(string revision, MigrationDirection direction, int total, StepIdentity identity) =>
        [new("id", NewId()), new("revision", revision), new("direction", Direction(direction)), new("total", total), new("checksum", identity.Checksum), new("host", Host),
         new("fingerprint", identity.Fingerprint), new("checksum_version", identity.ChecksumVersion)];

    /// <summary>
    /// The last finished row of each revision, oldest first: (id, revision, direction, checksum, fingerprint, checksum version). A revision
    /// whose last row is an upgrade is applied with that checksum. Read before the table is brought up to date (preflight
    /// writes nothing), so the columns a log table made by an older release lacks read as null.
    /// </summary>
    public async Task<IReadOnlyList<LogEntry>> ReadLastDoneAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, LogEntry>(StringComparer.Ordinal);
        await using var command = Commands.Create(connection, new SqlStatement(
            $"SELECT * FROM {Q(Name)} WHERE {Q("status")} = 'done' ORDER BY {Q("id")}"), transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int id = Ordinal(reader, "id"), revision = Ordinal(reader, "revision"), direction = Ordinal(reader, "direction"), checksum = Ordinal(reader, "checksum"),
            fingerprint = Ordinal(reader, "fingerprint"), checksumVersion = Ordinal(reader, "checksum_version");
        string? Optional(int i) => i >= 0 && !reader.IsDBNull(i) ? reader.GetString(i) : null;
        // A checksum recorded before the log had checksum_version was made by version 1 of the rule.
        int Version() => checksumVersion >= 0 && !reader.IsDBNull(checksumVersion) ? Convert.ToInt32(reader.GetValue(checksumVersion), System.Globalization.CultureInfo.InvariantCulture) : 1;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new LogEntry(reader.GetString(id), reader.GetString(revision),
                                     reader.GetString(direction) == "upgrade" ? MigrationDirection.Upgrade : MigrationDirection.Downgrade,
                                     Optional(checksum), Optional(fingerprint), Version());
            last.Remove(entry.Revision);
            last[entry.Revision] = entry;
        }
        return last.Values.ToArray();
    }

    /// <summary>Replaces the checksum (and its version) and fingerprint recorded for an applied step (the change was accepted, or the checksum's version was older).</summary>
    public Task AcceptChecksumAsync(DbConnection connection, DbTransaction transaction, string id, StepIdentity identity, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("checksum")} = @checksum, {Q("fingerprint")} = @fingerprint, {Q("checksum_version")} = @checksum_version WHERE {Q("id")} = @id",
            [new("checksum", identity.Checksum), new("fingerprint", identity.Fingerprint), new("checksum_version", identity.ChecksumVersion), new("id", id)]), transaction, cancellationToken);

    /// <summary>Records, before it is sent, that statement <paramref name="index"/> (1-based) is about to run.</summary>
    public Task StartingAsync(DbConnection connection, string id, int index, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("statement_running")} = @index WHERE {Q("id")} = @id", [new("index", index), new("id", id)]), null, cancellationToken);

    /// <summary>
    /// Before undoing statement <paramref name="index"/> (1-based) of an attempt: the statements before it are done, it is
    /// in doubt until its inverse has run (then <see cref="StartingAsync"/> with one less settles it).
    /// </summary>
    public Task UndoingAsync(DbConnection connection, string id, int index, string digest, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("statements_done")} = @done, {Q("statement_running")} = @index, {Q("statements_digest")} = @digest WHERE {Q("id")} = @id",
            [new("done", index - 1), new("index", index), new("digest", digest), new("id", id)]), null, cancellationToken);

    /// <summary>Counts the statements that have committed, with the digest of their text.</summary>
    public Task ProgressAsync(DbConnection connection, string id, int done, string digest, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("statements_done")} = @done, {Q("statements_digest")} = @digest WHERE {Q("id")} = @id",
            [new("done", done), new("digest", digest), new("id", id)]), null, cancellationToken);

    /// <summary>Marks the attempt done; run it in the transaction that moves the version table.</summary>
    public SqlStatement Finish(string id, TimeSpan elapsed) =>
        new($"UPDATE {Q(Name)} SET {Q("status")} = 'done', {Q("finished_at")} = @now, {Q("duration_ms")} = @ms WHERE {Q("id")} = @id",
            [new("now", Now), new("ms", (long)elapsed.TotalMilliseconds), new("id", id)]);

    /// <summary>
    /// Marks the attempt failed with the error text (statement index and SQL, never values). <paramref name="refused"/>: the
    /// database refused the statement, so it did not take effect (else, cancelled or cut off, it may have).
    /// </summary>
    public Task FailAsync(DbConnection connection, string id, string error, bool refused, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("status")} = 'failed', {Q("finished_at")} = @now, {Q("error")} = @error" +
            (refused ? $", {Q("statement_running")} = {Q("statements_done")}" : "") + $" WHERE {Q("id")} = @id",
            [new("now", Now), new("error", error), new("id", id)]), null, cancellationToken);

    /// <summary>
    /// The newest row of each revision among the last <paramref name="limit"/> rows, newest first. Read before the table is
    /// brought up to date, so the columns an older log table lacks read as null.
    /// </summary>
    public async Task<IReadOnlyList<LogAttempt>> ReadLatestAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken, int limit = 64)
    {
        var latest = new List<LogAttempt>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var command = Commands.Create(connection, new SqlStatement($"SELECT * FROM {Q(Name)} ORDER BY {Q("id")} DESC LIMIT {limit}"), transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int id = Ordinal(reader, "id"), revision = Ordinal(reader, "revision"), direction = Ordinal(reader, "direction"), status = Ordinal(reader, "status"),
            statementsDone = Ordinal(reader, "statements_done"), statementRunning = Ordinal(reader, "statement_running"),
            statementsTotal = Ordinal(reader, "statements_total"), checksum = Ordinal(reader, "checksum"), digest = Ordinal(reader, "statements_digest"),
            error = Ordinal(reader, "error");
        string? Text(int i) => i >= 0 && !reader.IsDBNull(i) ? reader.GetString(i) : null;
        int? Number(int i) => i >= 0 && !reader.IsDBNull(i) ? Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) : null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var rowRevision = reader.GetString(revision);
            if (!seen.Add(rowRevision))
                continue;
            var rowStatus = Text(status) ?? "";
            var done = Number(statementsDone) ?? 0;
            // A row of a release that did not record the running statement: a 'running' row may be one statement behind.
            var running = Number(statementRunning) ?? (rowStatus == "running" ? done + 1 : done);
            latest.Add(new LogAttempt(reader.GetString(id), rowRevision, Text(direction) == "downgrade" ? MigrationDirection.Downgrade : MigrationDirection.Upgrade,
                                      rowStatus, done, running, Number(statementsTotal) ?? 0, Text(checksum), Text(digest), Text(error)));
        }
        return latest;
    }

    /// <summary>Marks every unfinished attempt abandoned: <c>stamp</c> records where the schema stands, whatever they left.</summary>
    public Task AbandonUnfinishedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("status")} = 'abandoned' WHERE {Q("status")} IN ('running', 'failed')"), transaction, cancellationToken);

    // A column's position in a SELECT * of the log, or -1 where a table made by an older release lacks it. A loop, not a
    // dictionary of the columns: a deploy's run reads the log twice and would compile a Dictionary<string, int> for it.
    private static int Ordinal(DbDataReader reader, string column)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    private static string Direction(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";

    private string Q(string identifier) => dialect.Quote(identifier);
}

/// <summary>
/// A row of the migration log as a journal: <see cref="Running"/> is the statement last sent (1-based) and
/// <see cref="Done"/> how many had committed; <c>Running == Done + 1</c> means that statement may or may not have taken effect.
/// </summary>
internal sealed record LogAttempt(string Id, string Revision, MigrationDirection Direction, string Status, int Done, int Running, int Total,
                                  string? Checksum, string? Digest, string? Error)
{
    /// <summary>Whether the attempt ended before its step was done (failed, or the process died).</summary>
    public bool Unfinished => Status is "running" or "failed";
}

/// <summary>A finished row of the migration log.</summary>
internal sealed record LogEntry(string Id, string Revision, MigrationDirection Direction, string? Checksum, string? Fingerprint, int ChecksumVersion);

/// <summary>What the log records of a step's migration: the checksum of its operations and the fingerprint of its class.</summary>
internal readonly record struct StepIdentity(string? Checksum, string? Fingerprint)
{
    /// <summary>The version of the rule that made <see cref="Checksum"/>: this build's, when there is one.</summary>
    public int? ChecksumVersion => Checksum is null ? null : Pipeline.HistoryCheck.ChecksumVersion;
}
