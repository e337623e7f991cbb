using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Islet.Cli.Targets;

/// <summary>
/// A target <c>islet build -t</c> and <c>islet run -t</c> can name: how an application is
/// published for it and how its image is started. One class per target, registered in
/// <see cref="TargetRegistry"/>; the commands never test a target's name.
/// </summary>
/// <remarks>
/// Implementations are stateless and cheap to construct. <see cref="CreateLaunch"/> only
/// describes the process; <c>islet run</c> starts it, forwards signals and returns its exit code.
/// </remarks>
public interface IIsletTarget
{
    /// <summary>The name <c>-t</c> takes and the build's <c>IsletTarget</c> property (lower case).</summary>
    string Name { get; }

    /// <summary>One line for help and listings.</summary>
    string Description { get; }

    /// <summary>The .NET runtime identifier images are published for.</summary>
    string RuntimeIdentifier { get; }

    /// <summary>
    /// MSBuild properties the target needs besides <c>IsletTarget</c> (for unix,
    /// <c>PublishAot=true</c>), passed to <c>dotnet publish</c> as <c>-p:NAME=VALUE</c>.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> BuildProperties { get; }

    /// <summary>
    /// True when images for this target can be built and run on this host; otherwise
    /// <paramref name="reason"/> says why in one line (for example "needs /dev/kvm").
    /// </summary>
    bool IsAvailable([NotNullWhen(false)] out string? reason);

    /// <summary>The file name of the image published for an assembly named <paramref name="assemblyName"/>.</summary>
    string GetImageFileName(string assemblyName);

    /// <summary>The process that runs <paramref name="launch"/>'s image with its options.</summary>
    ProcessStartInfo CreateLaunch(ImageLaunch launch);
}
