using System.Net.Sockets;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>Maps host socket errors onto Islet's closed set of <see cref="NetError"/>s.</summary>
internal static class SocketErrors
{
    public static NetException ToNetException(SocketError error, string? detail = null) => new(Map(error), detail ?? error.ToString());

    public static NetException ToNetException(SocketException e) => new(Map(e.SocketErrorCode), e.Message, e);

    public static NetError Map(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => NetError.Refused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted => NetError.Reset,
        SocketError.TimedOut => NetError.TimedOut,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => NetError.Unreachable,
        SocketError.AddressAlreadyInUse => NetError.AddressInUse,
        SocketError.AddressNotAvailable => NetError.AddressNotAvailable,
        SocketError.MessageSize => NetError.MessageTooLong,
        SocketError.NoBufferSpaceAvailable or SocketError.TooManyOpenSockets => NetError.NoResources,
        SocketError.Shutdown or SocketError.NotConnected or SocketError.OperationAborted => NetError.Closed,
        _ => NetError.Reset,
    };
}
