using System;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace Panel.Migrations.Tests.Infrastructure;

/// <summary>
/// A temp folder of SQLite database files for one test: create it in the test class's constructor
/// (xunit makes one instance per test) and dispose it in the class's Dispose; the folder goes with it.
/// </summary>
public sealed class SqliteFiles : IDisposable
{
    private int _count;

    /// <summary>Creates a new empty temp folder.</summary>
    public SqliteFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "panel-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The temp folder.</summary>
    public string Folder { get; }

    /// <summary>A path in <see cref="Folder"/> where no file is yet: a fresh database once opened.</summary>
    public string NewPath() => Path.Combine(Folder, $"test-{Interlocked.Increment(ref _count)}.db");

    /// <summary>A connection string for a fresh database file (see <see cref="NewPath"/>).</summary>
    public string NewConnectionString() => new SqliteConnectionStringBuilder { DataSource = NewPath() }.ConnectionString;

    /// <summary>Closes pooled connections (they keep files open) and removes the folder.</summary>
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
