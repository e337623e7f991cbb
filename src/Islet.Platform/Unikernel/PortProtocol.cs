namespace Islet;

/// <summary>The transport a <see cref="PortMapping"/> publishes: written as the mapping's <c>/tcp</c> or <c>/udp</c> suffix.</summary>
public enum PortProtocol
{
    /// <summary>TCP (the default when a mapping has no suffix, as Docker's <c>-p</c>).</summary>
    Tcp,

    /// <summary>UDP: each datagram to the host endpoint reaches the guest port, and the guest's replies go back to the sender.</summary>
    Udp,
}
