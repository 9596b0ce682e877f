using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Panel.Migrations.Dialects;
using Panel.Migrations.Execution;
using Panel.Migrations.Graph;
using Panel.Migrations.Operations;

namespace Panel.Migrations.Pipeline;

/// <summary>
/// What every stage of a run shares: the map, the options, the database's adapter, the version table and the log, and the
/// pure helpers over them (describe a migration, render it, inline its values, say a step in Alembic's words).
/// </summary>
internal sealed partial class PipelineContext
{
    private readonly Lazy<MigrationMap> _map;

    public PipelineContext(Lazy<MigrationMap> map, IReadOnlyList<string> heads, MigrationOptions options)
    {
        _map = map;
        Heads = heads;
        Options = options;
        Adapter = DatabaseAdapter.For(options);
        Versions = new VersionTable(Adapter, options.VersionTable);
        History = new MigrationLog(Adapter.Dialect, options.VersionTable);
    }

    public MigrationMap Map => _map.Value;

    /// <summary>The map's heads, known without building it.</summary>
    public IReadOnlyList<string> Heads { get; }

    public MigrationOptions Options { get; }

    public DatabaseAdapter Adapter { get; }

    public VersionTable Versions { get; }

    public MigrationLog History { get; }

    public string EngineName => Options.Kind switch { DatabaseKind.MySql => "MySQL/MariaDB", DatabaseKind.PostgreSql => "PostgreSQL", _ => "SQLite" };

    /// <summary>Why a step's statements stay applied when it stops part-way, in words.</summary>
    public string CommitsAsItRuns => Adapter.Dialect.TransactionalDdl ? "it runs without a transaction, so each statement commits as it runs" : $"{EngineName} commits each statement as it runs";

    // Up/Down only describe operations; calling them before the transaction means a throwing migration touches nothing.
    public IReadOnlyList<MigrationOperation> Describe(MigrationInfo info, MigrationDirection direction)
    {
        var builder = new MigrationBuilder(Options.Kind);
        var migration = info.Factory();
        if (direction == MigrationDirection.Upgrade)
            migration.Up(builder);
        else
            migration.Down(builder);
        return builder.Operations;
    }

    public bool IsBaseUpgrade(MigrationStep step) => step.Direction == MigrationDirection.Upgrade && Map[step.Revision].DownRevisions.Count == 0;

    // SQLite batches handed to the batch runner (a rebuild, or constraints altered in place); BatchRecreate.Never with a change
    // that needs a rebuild throws here, before any transaction.
    public IEnumerable<BatchAlterTableOperation> Rebuilds(IReadOnlyList<MigrationOperation> operations) =>
        operations.OfType<BatchAlterTableOperation>().Where(IsRebuild);

    public bool IsRebuild(MigrationOperation operation) =>
        operation is BatchAlterTableOperation batch && Adapter.Dialect is SqliteDialect sqlite && sqlite.Decide(batch, live: null) != SqliteBatchAction.Render;

    public List<SqlStatement> Render(IReadOnlyList<MigrationOperation> operations) =>
        operations.SelectMany(Adapter.Dialect.Render).ToList();

    // Offline scripts and checksums only: parameters become literals so the text stands by itself.
    public string Inline(SqlStatement statement)
    {
        if (statement.Arguments.Count == 0)
            return statement.Sql;
        var values = statement.Arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        return ParameterPattern().Replace(statement.Sql, m => values.TryGetValue(m.Groups[1].Value, out var v) ? Adapter.Dialect.RenderLiteral(v) : m.Value);
    }

    /// <summary>A step in Alembic's words: <c>upgrade 001 -> 3f2a9c1d7b10, add ssl column</c>.</summary>
    public string Line(MigrationStep step)
    {
        var info = Map[step.Revision];
        var parents = string.Join(", ", info.DownRevisions);
        var doc = info.Message.Length == 0 ? "" : ", " + info.Message;
        return step.Direction == MigrationDirection.Upgrade
            ? $"upgrade {parents} -> {info.Revision}{doc}"
            : $"downgrade {info.Revision} -> {parents}{doc}";
    }

    public void Log(string line) => Options.Log?.Invoke(line);

    public void Emit(MigrationEvent migrationEvent)
    {
        MigrationTelemetry.Record(Options.Kind, migrationEvent);
        Options.Events?.Invoke(migrationEvent);
    }

    // A step goes to the database: the progress line and the event say so.
    public void Started(MigrationStep step)
    {
        var description = Line(step);
        Log("Running " + description);
        if (Options.Events is not null)
            Emit(new StepStarted(step.Revision, Map[step.Revision].Message, step.Direction, description));
    }

    public Action<BatchProgress>? RebuildProgress =>
        Options.Events is null ? Options.BatchProgress : progress =>
        {
            Options.BatchProgress?.Invoke(progress);
            Emit(new TableRebuildProgress(progress));
        };

    public static string HeadsText(IReadOnlyList<string> heads) => heads.Count == 0 ? "<base>" : string.Join(", ", heads);

    // Whether two lists name the same heads in any order (each list's heads are distinct, and there are a few at most).
    public static bool SameHeads(IReadOnlyList<string> heads, IReadOnlyList<string> others)
    {
        if (heads.Count != others.Count)
            return false;
        foreach (var head in heads)
        {
            var found = false;
            foreach (var other in others)
                found |= string.Equals(head, other, StringComparison.Ordinal);
            if (!found)
                return false;
        }
        return true;
    }

    public static string Shorten(string sql) => sql.Length <= 200 ? sql : sql.Substring(0, 200) + "...";

    public async Task InTransactionAsync(DbConnection connection, Func<DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var waited = Adapter.LockSpansRun ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await Adapter.BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!Adapter.LockSpansRun)
            MigrationTelemetry.RecordLockWait(Options.Kind, System.Diagnostics.Stopwatch.GetElapsedTime(waited)); // SQLite: BEGIN IMMEDIATE is the lock
        try
        {
            await work(transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException) when (cancellationToken.IsCancellationRequested)
            {
                // An interrupted SQLite statement rolls its transaction back itself; the cancellation is what to report.
            }
            throw;
        }
    }

    // The map (the registry's revisions read and ordered: about 30 ms of a fresh process for 1,000 migrations) is built on
    // the thread pool while the connection opens and the lock is taken; whoever needs it first waits for it there.
    public void StartBuildingMap()
    {
        if (_map.IsValueCreated)
            return;
        ThreadPool.UnsafeQueueUserWorkItem(static map =>
        {
            try
            {
                _ = map.Value;
            }
            catch (Exception)
            {
                // The Lazy keeps the exception and throws it again where the map is used.
            }
        }, _map, preferLocal: false);
    }

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Adapter.PrepareToWrite();
        return ConnectAsync(cancellationToken);
    }

    private async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = Adapter.CreateConnection();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await Adapter.VerifyOpenedAsync(connection, cancellationToken).ConfigureAwait(false);
                    return connection;
                }
                catch (Exception error) when (attempt < Options.Retry.MaxAttempts && Adapter.IsTransient(error))
                {
                    await Task.Delay(Options.Retry.DelayAfter(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (DbException error)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new MigrationException(Adapter.Explain(error)
                ?? $"Cannot connect to the {EngineName} database: {error.Message.TrimEnd('.')}. Check DATABASE_URI (or the connection string) and that the server is running.", error);
        }
    }

    // Opens the database only if it exists: a plan or a read of a SQLite file that is not there must not create it.
    public async Task<DbConnection?> OpenExistingAsync(CancellationToken cancellationToken) =>
        Options.Kind == DatabaseKind.Sqlite && Backups.AutomaticBackup.SqliteFile(Options.ConnectionString) is { } file && !System.IO.File.Exists(file) && !System.IO.Directory.Exists(file)
            ? null
            : await ConnectAsync(cancellationToken).ConfigureAwait(false);

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterPattern();
}
