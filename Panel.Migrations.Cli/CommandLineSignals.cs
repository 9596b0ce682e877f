using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Panel.Migrations.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation of the running command, which then rolls its step back,
/// says where the database stands and returns <see cref="ExitCodes.Interrupted"/> or <see cref="ExitCodes.Terminated"/>.
/// A second signal is left to the system and ends the process at once.
/// </summary>
internal sealed class CommandLineSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _exitCode = ExitCodes.Interrupted;

    public CommandLineSignals(CancellationToken callerToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        foreach (var signal in (ReadOnlySpan<PosixSignal>)[PosixSignal.SIGINT, PosixSignal.SIGTERM])
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // No signals here (a browser, say): the caller's token still cancels.
            }
        }
    }

    /// <summary>Cancelled by the caller's token or the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code of a cancelled command: 143 after SIGTERM, else 130 (Ctrl+C or the caller's token).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode);

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested)
            return; // the second one: the default action ends the process
        context.Cancel = true;
        Volatile.Write(ref _exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted);
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancel.Dispose();
    }
}
