using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Panel.Migrations.Dialects;
using Panel.Migrations.Graph;

namespace Panel.Migrations.Execution;

/// <summary>
/// Our applied-migrations log, next to Alembic's version table (Alembic ignores it): one row per attempt to run
/// a migration where DDL is not transactional. The row is written before the first statement (the intent),
/// its <c>statements_done</c> counts every statement as it commits, and it ends <c>done</c> (in the same
/// transaction that moves the version table) or <c>failed</c> with the error. A row left <c>running</c> means
/// the process died mid-migration.
/// </summary>
internal sealed class MigrationLog(SqlDialect dialect, string versionTable)
{
    /// <summary>The log table's name for a version table: <c>panel_migrations_log</c> next to <c>alembic_version</c>.</summary>
    public string Name { get; } = versionTable == "alembic_version" ? "panel_migrations_log" : versionTable + "_panel_log";

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
        $"CONSTRAINT {Q(Name + "_pkc")} PRIMARY KEY ({Q("id")}))";

    /// <summary>Creates the table if needed and records the intent to run a migration; returns the attempt's id.</summary>
    public async Task<string> StartAsync(DbConnection connection, string revision, MigrationDirection direction, int total, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Commands.For(new SqlStatement(CreateSql), null, cancellationToken)).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync(Commands.For(new SqlStatement(
            $"INSERT INTO {Q(Name)} ({Q("id")}, {Q("revision")}, {Q("direction")}, {Q("started_at")}, {Q("status")}, {Q("statements_done")}, {Q("statements_total")}) " +
            "VALUES (@id, @revision, @direction, @now, 'running', 0, @total)",
            [new("id", id), new("revision", revision), new("direction", Direction(direction)), new("now", DateTime.UtcNow), new("total", total)]), null, cancellationToken)).ConfigureAwait(false);
        return id;
    }

    /// <summary>Counts the statements that have committed.</summary>
    public Task ProgressAsync(DbConnection connection, string id, int done, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Commands.For(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("statements_done")} = @done WHERE {Q("id")} = @id", [new("done", done), new("id", id)]), null, cancellationToken));

    /// <summary>Marks the attempt done; run it in the transaction that moves the version table.</summary>
    public Task FinishAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Commands.For(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("status")} = 'done', {Q("finished_at")} = @now WHERE {Q("id")} = @id", [new("now", DateTime.UtcNow), new("id", id)]), transaction, cancellationToken));

    /// <summary>Marks the attempt failed with the error text (statement index and SQL, never values).</summary>
    public Task FailAsync(DbConnection connection, string id, string error, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Commands.For(new SqlStatement(
            $"UPDATE {Q(Name)} SET {Q("status")} = 'failed', {Q("finished_at")} = @now, {Q("error")} = @error WHERE {Q("id")} = @id",
            [new("now", DateTime.UtcNow), new("error", error), new("id", id)]), null, cancellationToken));

    private static string Direction(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";

    private string Q(string identifier) => dialect.Quote(identifier);
}
