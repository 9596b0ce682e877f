using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Panel.Migrations.Tests.Hosting;

/// <summary>Keeps every log line as "Level message" (and the exception logged with it), and each with its category.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(string Category, string Line)> _entries = new();

    public IEnumerable<string> Lines => _lines;

    public IEnumerable<(string Category, string Line)> Entries => _entries;

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines, _entries, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines, ConcurrentQueue<(string, string)> entries, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {formatter(state, exception)}" + (exception is null ? "" : "\n" + exception);
            lines.Enqueue(line);
            entries.Enqueue((category, line));
        }
    }
}
