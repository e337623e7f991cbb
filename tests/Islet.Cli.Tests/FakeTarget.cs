using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Islet.Cli.Targets;

namespace Islet.Cli.Tests;

/// <summary>A target that exists only in tests: images end in ".fake" and run under /bin/sh.</summary>
internal sealed class FakeTarget(string name, bool available = true) : IIsletTarget
{
    public string Name => name;

    public string Description => "a test target";

    public string RuntimeIdentifier => "linux-x64";

    public IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; } = [new("FakeProperty", "yes")];

    public bool IsAvailable([NotNullWhen(false)] out string? reason)
    {
        reason = available ? null : "no fake hardware";
        return available;
    }

    public string GetImageFileName(string assemblyName) => assemblyName + ".fake";

    public ProcessStartInfo CreateLaunch(ImageLaunch launch)
    {
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add(launch.ImagePath);
        foreach (string arg in launch.ToUnikernelArguments()) start.ArgumentList.Add(arg);
        return start;
    }
}
