using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Islet.Cli.Targets;

/// <summary>
/// The <c>unix</c> target: the application as an ordinary NativeAOT Linux executable using the
/// host's sockets and files. The image is started directly with the unikernel options.
/// </summary>
public sealed class UnixTarget : IIsletTarget
{
    /// <inheritdoc />
    public string Name => "unix";

    /// <inheritdoc />
    public string Description => "a NativeAOT Linux process on the host's sockets (the development loop)";

    /// <inheritdoc />
    public string RuntimeIdentifier => "linux-x64";

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; } =
        [new("PublishAot", "true")];

    /// <inheritdoc />
    public bool IsAvailable([NotNullWhen(false)] out string? reason)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            reason = $"the unix target builds linux-x64 images and needs a linux-x64 host (this is {RuntimeInformation.RuntimeIdentifier})";
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
