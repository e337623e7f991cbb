using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Islet.Cli.Targets;

/// <summary>
/// A target whose image is a NativeAOT linux-x64 executable started directly with the
/// unikernel options (unix, direct). Subclasses say only what they are called and describe.
/// </summary>
public abstract class NativeProcessTarget : IIsletTarget
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public string RuntimeIdentifier => "linux-x64";

    /// <inheritdoc />
    /// <remarks>NativeAOT, and sealed: the image carries its manifest and an SBOM lies beside it (build/Islet.Seal.targets).</remarks>
    public IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; } = [new("PublishAot", "true"), new("IsletSealImage", "true")];

    /// <inheritdoc />
    public bool IsAvailable([NotNullWhen(false)] out string? reason)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            reason = $"the {Name} target builds linux-x64 images and needs a linux-x64 host (this is {RuntimeInformation.RuntimeIdentifier})";
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
