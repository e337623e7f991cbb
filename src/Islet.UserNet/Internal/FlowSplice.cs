using System.Buffers;
using System.IO.Pipelines;
using Islet.Net;

namespace Islet.UserNet.Internal;

/// <summary>
/// Joins two TCP flows: bytes read from each are written to the other, in order and unchanged.
/// Backpressure carries through: a pump does not read more until the other side's flush
/// completes, so a slow reader closes the fast writer's window. A FIN (input completed)
/// becomes a FIN on the other flow (half-close); the other direction keeps going until it ends
/// too. A failure on either side (reset, timeout, a write the peer refused) aborts both flows,
/// so a reset on one side arrives as a reset on the other and nothing is left waiting.
/// </summary>
internal static class FlowSplice
{
    /// <summary>Runs until both directions have ended, then disposes both flows.</summary>
    public static async Task RunAsync(ITcpFlow a, ITcpFlow b)
    {
        var forward = PumpAsync(a.Input, b.Output);
        var backward = PumpAsync(b.Input, a.Output);
        if (!await await Task.WhenAny(forward, backward).ConfigureAwait(true)) Abort(a, b);
        bool clean = await forward.ConfigureAwait(true) & await backward.ConfigureAwait(true);
        if (!clean) Abort(a, b);
        await a.DisposeAsync().ConfigureAwait(true);
        await b.DisposeAsync().ConfigureAwait(true);
    }

    /// <summary>Resets both flows and wakes both pumps, whatever they wait for.</summary>
    private static void Abort(ITcpFlow a, ITcpFlow b)
    {
        a.Abort();
        b.Abort();
        a.Input.CancelPendingRead();
        b.Input.CancelPendingRead();
        a.Output.CancelPendingFlush();
        b.Output.CancelPendingFlush();
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>; true when it ended with a FIN passed on.</summary>
    private static async Task<bool> PumpAsync(PipeReader from, PipeWriter to)
    {
        try
        {
            while (true)
            {
                var result = await from.ReadAsync().ConfigureAwait(true);
                var buffer = result.Buffer;
                foreach (var segment in buffer) to.Write(segment.Span);
                from.AdvanceTo(buffer.End);
                if (result.IsCanceled) return false;
                if (!buffer.IsEmpty)
                {
                    var flush = await to.FlushAsync().ConfigureAwait(true);
                    if (flush.IsCompleted || flush.IsCanceled) return false; // the other side cannot take more
                }
                if (result.IsCompleted)
                {
                    await to.CompleteAsync().ConfigureAwait(true); // FIN after every byte
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            return false; // reset, timeout, or a pipe the other side already completed
        }
    }
}
