using Islet.Events;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// Sends, at the end of every turn of the event loop, the datagrams each UDP socket of a stack
/// queued during the turn: one sendmmsg per socket per turn instead of one sendto per datagram.
/// </summary>
internal sealed class UdpSendBatcher
{
    private readonly List<UdpSendQueue> _queued = [];

    public UdpSendBatcher(EventLoop loop) => loop.AddBeforeWait(Flush);

    /// <summary>Has <paramref name="queue"/> sent at the end of this turn.</summary>
    public void Enlist(UdpSendQueue queue)
    {
        if (queue.Enlisted)
            return;
        queue.Enlisted = true;
        _queued.Add(queue);
    }

    private void Flush()
    {
        foreach (UdpSendQueue queue in _queued)
        {
            queue.Enlisted = false;
            if (!queue.IsEmpty)
                queue.Flush();
        }
        _queued.Clear();
    }
}
