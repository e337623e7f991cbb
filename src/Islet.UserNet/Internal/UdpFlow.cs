using System.Net;
using Islet.Net.Udp;

namespace Islet.UserNet.Internal;

/// <summary>
/// One host client of a <c>/udp</c> forward: its address and port on the host, and the router
/// UDP socket (an ephemeral port on the guest link) its datagrams leave from, so the guest's
/// replies to that port belong to this client alone. Owned by a <see cref="UdpFlowTable"/>.
/// </summary>
internal sealed class UdpFlow : IUdpObserver
{
    public UdpFlow(UdpForward forward, IPEndPoint client, UdpSocket socket, long now)
    {
        Forward = forward;
        Client = client;
        Socket = socket;
        LastActive = now;
        Node = new LinkedListNode<UdpFlow>(this);
        socket.Observer = this;
    }

    /// <summary>The forward the client sent to.</summary>
    public UdpForward Forward { get; }

    /// <summary>The client's address and port on the host: where replies go.</summary>
    public IPEndPoint Client { get; }

    /// <summary>The router's socket on the guest link for this client.</summary>
    public UdpSocket Socket { get; }

    /// <summary>When a datagram last passed either way (loop nanoseconds).</summary>
    public long LastActive { get; set; }

    /// <summary>This flow's place in the table's least-recently-active order.</summary>
    public LinkedListNode<UdpFlow> Node { get; }

    /// <summary>True while the flow waits in its forward's queue of flows with replies.</summary>
    public bool Queued { get; set; }

    /// <summary>True once the table closed the flow (its socket is unbound).</summary>
    public bool Closed { get; set; }

    /// <summary>The guest replied: hand the flow to its forward's reply pump (called inside the interface's poll).</summary>
    void IUdpObserver.OnReadable()
    {
        if (Queued || Closed) return;
        Queued = true;
        Forward.MarkReady(this);
    }
}
