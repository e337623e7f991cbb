namespace Islet.Sandbox;

/// <summary>What <see cref="SptLauncher"/> runs and how.</summary>
public sealed record SptOptions
{
    /// <summary>The sealed image (a static-pie ELF built with <c>-t spt</c> or <c>-t hvt</c>).</summary>
    public required string ImagePath { get; init; }

    /// <summary>The devices the image declares, in order (from its manifest): device i becomes fd 3 + i.</summary>
    public required IReadOnlyList<DeviceDeclaration> Devices { get; init; }

    /// <summary>
    /// The network: <c>user</c> (the default: the launcher routes for the image and forwards
    /// <see cref="Forwards"/> from host loopback; rootless) or <c>tap:NAME</c> (a real TAP device; needs CAP_NET_ADMIN).
    /// </summary>
    public string Network { get; init; } = "user";

    /// <summary>Host endpoints forwarded into the image, TCP or UDP (user networking only).</summary>
    public IReadOnlyList<PortMapping> Forwards { get; init; } = [];

    /// <summary>Lets the image open outbound TCP connections through the launcher (user networking only).</summary>
    public bool AllowOutbound { get; init; }

    /// <summary>Files for the image's declared block devices, by device name.</summary>
    public IReadOnlyDictionary<string, string> BlockFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Arguments passed to the image after its name (for example <c>--islet-quiet</c>).</summary>
    public IReadOnlyList<string> ImageArguments { get; init; } = [];

    /// <summary>
    /// Once the image runs and the router listens, the launcher confines itself with its own seccomp
    /// filter (<see cref="LauncherConfinement"/>). Off only for debugging (<c>--no-confine</c>).
    /// </summary>
    public bool Confine { get; init; } = true;

    /// <summary>No launcher banner.</summary>
    public bool Quiet { get; init; }

    /// <summary>Print the router's counters when the image exits.</summary>
    public bool Stats { get; init; }

    /// <summary>hvt: the guest's memory in MiB (null: the image manifest's).</summary>
    public int? MemoryMiB { get; init; }

    /// <summary>hvt: the CPUs the guest is told it has.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>hvt: log every system call the guest makes.</summary>
    public bool TraceSyscalls { get; init; }

    /// <summary>The exec stub; default: <c>islet-spt-exec</c> beside this assembly.</summary>
    public string? ExecStubPath { get; init; }
}
