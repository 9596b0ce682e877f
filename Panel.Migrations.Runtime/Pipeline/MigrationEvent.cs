using System;
using System.Collections.Generic;
using Panel.Migrations.Graph;

namespace Panel.Migrations;

/// <summary>
/// What a run reports as it goes, through <see cref="MigrationOptions.Events"/>: the same events for the command line, the
/// hosted service and any app, so each prints or logs the same thing.
/// </summary>
public abstract record MigrationEvent;

/// <summary>Preflight passed and the run has work to do: it is about to change the database (a refused run raises no event).</summary>
/// <param name="HeadsBefore">The database's heads.</param>
/// <param name="Steps">How many steps the plan has.</param>
/// <param name="Warnings">The findings the run goes ahead with (e.g. DDL that is not transactional).</param>
public sealed record RunStarting(IReadOnlyList<string> HeadsBefore, int Steps, IReadOnlyList<PlanFinding> Warnings) : MigrationEvent;

/// <summary>The automatic backup before the first step was taken (and checked).</summary>
/// <param name="Path">The backup file.</param>
/// <param name="Heads">The revisions the backup is at.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Elapsed">How long the backup took.</param>
public sealed record BackupTaken(string Path, IReadOnlyList<string> Heads, long Bytes, TimeSpan Elapsed) : MigrationEvent;

/// <summary>Backups that the retention no longer keeps were deleted after a new one was written.</summary>
/// <param name="Location">The folder, or the remote (e.g. <c>s3://bucket/panel/</c>).</param>
/// <param name="Deleted">The names of the backups deleted.</param>
public sealed record BackupsPruned(string Location, IReadOnlyList<string> Deleted) : MigrationEvent;

/// <summary>A backup was copied to a remote, and the copy read back was equal (size and SHA-256).</summary>
/// <param name="Remote">The remote, e.g. <c>s3://bucket/panel/</c>.</param>
/// <param name="Name">The backup's file name.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Elapsed">How long the upload and the check took, retries included.</param>
public sealed record BackupUploaded(string Remote, string Name, long Bytes, TimeSpan Elapsed) : MigrationEvent;

/// <summary>A backup could not be copied to a remote, after every retry; the local file is kept and the run went on.</summary>
/// <param name="Remote">The remote.</param>
/// <param name="Name">The backup's file name.</param>
/// <param name="Reason">The last failure.</param>
public sealed record BackupUploadFailed(string Remote, string Name, string Reason) : MigrationEvent;

/// <summary>A backup for a schedule (<see cref="MigrationRunner.TryBackupAsync"/>) was skipped: a migration held the lock.</summary>
/// <param name="Reason">Who held it and for how long, as the lock's message says.</param>
public sealed record BackupSkipped(string Reason) : MigrationEvent;

/// <summary>A step is sent to the database (on PostgreSQL several steps travel together, so their events come together).</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Message">The migration's message.</param>
/// <param name="Direction">Upgrade or downgrade.</param>
/// <param name="Description">Alembic's line for it, e.g. <c>upgrade 001 -> 3f2a9c1d7b10, add ssl column</c>.</param>
public sealed record StepStarted(string Revision, string Message, MigrationDirection Direction, string Description) : MigrationEvent;

/// <summary>A step committed: the version table names its revision.</summary>
/// <param name="Step">The step, with how long it took.</param>
public sealed record StepCommitted(AppliedStep Step) : MigrationEvent;

/// <summary>A SQLite table rebuild's copy started or ended.</summary>
/// <param name="Progress">The table, the rows and the stage.</param>
public sealed record TableRebuildProgress(BatchProgress Progress) : MigrationEvent;
