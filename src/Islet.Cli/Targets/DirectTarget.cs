namespace Islet.Cli.Targets;

/// <summary>
/// The <c>direct</c> target: a NativeAOT Linux process whose network is Islet's own TCP/IP
/// stack on a TAP device (<c>islet run -t direct --net tap:NAME --ip ADDRESS/PREFIX</c>).
/// Creating or attaching a TAP device needs CAP_NET_ADMIN.
/// </summary>
public sealed class DirectTarget : NativeProcessTarget
{
    /// <inheritdoc />
    public override string Name => "direct";

    /// <inheritdoc />
    public override string Description => "a NativeAOT process on Islet's own TCP/IP stack over a TAP device";
}
