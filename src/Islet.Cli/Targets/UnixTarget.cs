namespace Islet.Cli.Targets;

/// <summary>
/// The <c>unix</c> target: the application as an ordinary NativeAOT Linux executable using the
/// host's sockets and files. The image is started directly with the unikernel options.
/// </summary>
public sealed class UnixTarget : NativeProcessTarget
{
    /// <inheritdoc />
    public override string Name => "unix";

    /// <inheritdoc />
    public override string Description => "a NativeAOT Linux process on the host's sockets (the development loop)";
}
