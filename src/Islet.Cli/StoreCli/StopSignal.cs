using System.Runtime.InteropServices;

namespace Islet.Cli.StoreCli;

/// <summary>
/// A token cancelled by SIGINT (Ctrl-C), SIGTERM or the environment's
/// <see cref="CliEnvironment.Cancellation"/>, for commands that run until stopped. While it is
/// alive the signals do not end the process; disposing restores their default handling.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    /// <summary>Starts listening for the signals and <paramref name="environment"/>'s cancellation.</summary>
    public StopSignal(CliEnvironment environment)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(environment.Cancellation);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    /// <summary>Cancelled once a stop was asked for.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
