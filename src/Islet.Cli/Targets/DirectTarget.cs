using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Islet.Cli.Targets;

/// <summary>
/// The <c>direct</c> target: a NativeAOT Linux process whose network is Islet's own TCP/IP
/// stack on a TAP device (<c>islet run -t direct --net tap:NAME --ip ADDRESS/PREFIX</c>).
/// Creating or attaching a TAP device needs CAP_NET_ADMIN.
/// </summary>
public sealed class DirectTarget : IIsletTarget
{
    /// <inheritdoc />
    public string Name => "direct";

    /// <inheritdoc />
    public string Description => "a NativeAOT process on Islet's own TCP/IP stack over a TAP device";

    /// <inheritdoc />
    public string RuntimeIdentifier => "linux-x64";

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; } = [new("PublishAot", "true")];

    /// <inheritdoc />
    public bool IsAvailable([NotNullWhen(false)] out string? reason)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            reason = $"the direct target builds linux-x64 images and needs a linux-x64 host (this is {RuntimeInformation.RuntimeIdentifier})";
            return false;
        }
        reason = null;
        return true;
    }

    /// <inheritdoc />
    public string GetImageFileName(string assemblyName) => assemblyName;

    /// <inheritdoc />
    public ProcessStartInfo CreateLaunch(ImageLaunch launch)
    {
        var start = new ProcessStartInfo(launch.ImagePath) { UseShellExecute = false };
        foreach (string arg in launch.ToUnikernelArguments()) start.ArgumentList.Add(arg);
        return start;
    }
}
