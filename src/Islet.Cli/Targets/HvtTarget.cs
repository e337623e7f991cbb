using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Islet.Cli.Targets;

/// <summary>
/// The <c>hvt</c> target: the same sealed image as <see cref="SptTarget"/> (building for hvt
/// yields the spt file, byte for byte), run in a KVM virtual machine with no guest kernel by the
/// Islet monitor, <c>islet-hvt</c>, which implements the Islet ABI on the host side. Available
/// where <c>/dev/kvm</c> can be opened.
/// </summary>
public sealed class HvtTarget : SptTarget
{
    /// <inheritdoc />
    public override string Name => "hvt";

    /// <inheritdoc />
    public override string Description => "the sealed image in a KVM virtual machine with no guest kernel (the Islet monitor)";

    /// <inheritdoc />
    protected override string LauncherName => "islet-hvt";

    /// <summary>Whether KVM can be used here, with the reason when not.</summary>
    public static bool KvmUsable([NotNullWhen(false)] out string? reason)
    {
        try
        {
            using var kvm = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            reason = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"/dev/kvm cannot be opened ({e.Message})";
            return false;
        }
    }

    /// <inheritdoc />
    protected override void AddLauncherArguments(ProcessStartInfo start, ImageLaunch launch)
    {
        if (launch.Memory is { } memory)
        {
            start.ArgumentList.Add("--mem");
            start.ArgumentList.Add(memory);
        }
        if (launch.Cpus is { } cpus)
        {
            start.ArgumentList.Add("--cpus");
            start.ArgumentList.Add(cpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
