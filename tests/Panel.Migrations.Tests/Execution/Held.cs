using System;
using System.Threading.Tasks;

namespace Panel.Migrations.Tests.Execution;

/// <summary>Something held (a lock, a connection) until disposed.</summary>
internal sealed class Held(Func<ValueTask> release) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => release();
}
