namespace Islet;

/// <summary>The kinds of device an image can declare in its manifest.</summary>
public enum DeviceKind
{
    /// <summary>A network link carrying Ethernet frames.</summary>
    Network,

    /// <summary>A block device read and written in sectors.</summary>
    Block,
}
