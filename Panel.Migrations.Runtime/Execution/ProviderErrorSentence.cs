using System;
using System.Data.Common;

namespace Panel.Migrations.Execution;

/// <summary>
/// The sentence a user reads for a provider's error that escaped a run (a damaged SQLite file, a read-only one), the one
/// the command line and the pipeline print (<see cref="DatabaseAdapter.Explain"/>); for callers outside the pipeline.
/// </summary>
internal static class ProviderErrorSentence
{
    /// <summary>The explanation of <paramref name="error"/> on the database of <paramref name="options"/>, or null when there is none.</summary>
    public static string? For(Exception error, MigrationOptions options) =>
        error is DbException provider ? DatabaseAdapter.For(options).Explain(provider) : null;
}
