using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Islet.Cli.Targets;

/// <summary>
/// The <c>spt</c> target: a sealed image (one static-pie ELF, NativeAOT) run as a process
/// confined by a seccomp filter compiled from the Islet ABI table. <c>islet run</c> starts
/// the launcher, <c>islet-spt</c>, which attaches the image's declared devices, routes for
/// it (<c>--net user</c>, the default) or hands it a TAP device, and execs it sandboxed.
/// </summary>
public class SptTarget : IIsletTarget
{
    /// <inheritdoc />
    public virtual string Name => "spt";

    /// <inheritdoc />
    public virtual string Description => "a sealed static image in a seccomp sandbox, networked by the launcher (rootless)";

    /// <inheritdoc />
    public string RuntimeIdentifier => "linux-x64";

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; } = [];

    /// <inheritdoc />
    public bool IsAvailable([NotNullWhen(false)] out string? reason)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            reason = $"sealed images are linux-x64 static executables and need a linux-x64 host (this is {RuntimeInformation.RuntimeIdentifier})";
            return false;
        }
        reason = null;
        return true;
    }

    /// <inheritdoc />
    public string GetImageFileName(string assemblyName) => assemblyName;

    /// <summary>The launcher program beside the islet command.</summary>
    protected virtual string LauncherName => "islet-spt";

    /// <inheritdoc />
    public ProcessStartInfo CreateLaunch(ImageLaunch launch)
    {
        string launcher = Path.Combine(AppContext.BaseDirectory, LauncherName);
        if (!File.Exists(launcher)) throw CliException.Failure($"the {Name} launcher is missing ({launcher}); rebuild the islet command");
        if (launch.ContentDirectories.Count > 0) throw CliException.Usage("--content is for the unix target: a sealed image has no filesystem (its content is baked in)");
        if (launch.Ip is not null || launch.Gateway is not null || launch.Pcap is not null || launch.Impair is not null)
        {
            throw CliException.Usage("--ip, --gateway, --pcap and --impair are options of the direct target; spt images take their address from the launcher's DHCP");
        }
        var start = new ProcessStartInfo(launcher) { UseShellExecute = false };
        start.ArgumentList.Add(launch.ImagePath);
        start.ArgumentList.Add("--verify"); // islet run checks the image is as sealed; islet-spt alone starts faster
        foreach (var mapping in launch.Publish)
        {
            start.ArgumentList.Add("-p");
            start.ArgumentList.Add(ImageLaunch.Format(mapping));
        }
        start.ArgumentList.Add("--net");
        start.ArgumentList.Add(launch.Net ?? "user");
        foreach (var (name, file) in launch.BlockFiles)
        {
            start.ArgumentList.Add("--block");
            start.ArgumentList.Add($"{name}={file}");
        }
        if (launch.AllowOutbound) start.ArgumentList.Add("--allow-outbound");
        if (launch.Stats) start.ArgumentList.Add("--stats");
        if (launch.Quiet) start.ArgumentList.Add("--quiet");
        AddLauncherArguments(start, launch);
        start.ArgumentList.Add("--");
        if (launch.Quiet) start.ArgumentList.Add("--islet-quiet");
        foreach (string argument in launch.ApplicationArguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>Adds the target's own launcher options; spt has none (--mem and --cpus are refused).</summary>
    protected virtual void AddLauncherArguments(ProcessStartInfo start, ImageLaunch launch)
    {
        if (launch.Memory is not null || launch.Cpus is not null) throw CliException.Usage("--mem and --cpus are options of the hvt target (a virtual machine)");
    }
}
