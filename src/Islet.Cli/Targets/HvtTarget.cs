using System.Diagnostics;

namespace Islet.Cli.Targets;

/// <summary>
/// The <c>hvt</c> target: the same sealed image as <see cref="SptTarget"/>, to be run in a KVM
/// virtual machine by the Islet monitor. Building for hvt yields the spt file; until the
/// monitor exists, <c>islet run -t hvt</c> says so and names spt.
/// </summary>
public sealed class HvtTarget : SptTarget
{
    /// <inheritdoc />
    public override string Name => "hvt";

    /// <inheritdoc />
    public override string Description => "the sealed image in a KVM virtual machine with no guest kernel (the monitor is not built yet: run it with -t spt)";

    /// <inheritdoc />
    public override ProcessStartInfo CreateLaunch(ImageLaunch launch) =>
        throw CliException.Failure("the hvt monitor is not built yet; the same image runs sealed with: islet run IMAGE -t spt");
}
