namespace Islet.Net;

/// <summary>A network operation failed for the reason in <see cref="Error"/>.</summary>
public sealed class NetException : IOException
{
    /// <summary>Creates the exception with a message derived from <paramref name="error"/>.</summary>
    public NetException(NetError error, string? detail = null, Exception? inner = null)
        : base(detail is null ? Describe(error) : $"{Describe(error)}: {detail}", inner)
    {
        Error = error;
    }

    /// <summary>The reason.</summary>
    public NetError Error { get; }

    private static string Describe(NetError error) => error switch
    {
        NetError.Refused => "connection refused",
        NetError.Reset => "connection reset by peer",
        NetError.TimedOut => "connection timed out",
        NetError.Unreachable => "host unreachable",
        NetError.AddressInUse => "address already in use",
        NetError.AddressNotAvailable => "address not available",
        NetError.MessageTooLong => "message too long",
        NetError.NoResources => "out of network resources",
        NetError.Closed => "connection closed",
        NetError.NotSupported => "not supported by this stack",
        _ => error.ToString(),
    };
}
