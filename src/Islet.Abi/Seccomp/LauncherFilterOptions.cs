namespace Islet.Abi.Seccomp;

/// <summary>What the launcher process still needs once it has confined itself (<see cref="LauncherFilter"/>).</summary>
public sealed record LauncherFilterOptions
{
    /// <summary>
    /// The router opens outbound TCP connections to the host for the image (user networking's
    /// <c>--allow-outbound</c>), so <c>socket(AF_INET)</c> and <c>socket(AF_INET6)</c> stay allowed.
    /// </summary>
    public bool AllowOutbound { get; init; }
}
