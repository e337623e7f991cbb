namespace Islet.Cli.Targets;

/// <summary>
/// What <c>islet run</c> asks of a target: the image, the ports to publish, content
/// directories to serve instead of baked content, and the application's own arguments.
/// </summary>
public sealed record ImageLaunch(string ImagePath)
{
    /// <summary>Published ports (<c>-p</c>).</summary>
    public IReadOnlyList<PortMapping> Publish { get; init; } = [];

    /// <summary>Content stores replaced by host directories (<c>--content NAME=DIR</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ContentDirectories { get; init; } = [];

    /// <summary>Suppresses the unikernel's start-up banner.</summary>
    public bool Quiet { get; init; }

    /// <summary>The link for Islet's own stack (<c>tap:NAME</c>), or null.</summary>
    public string? Net { get; init; }

    /// <summary>The address for Islet's own stack (<c>ADDRESS/PREFIX</c>), or null.</summary>
    public string? Ip { get; init; }

    /// <summary>The default gateway for Islet's own stack, or null.</summary>
    public string? Gateway { get; init; }

    /// <summary>Impairments of Islet's own link (<c>loss=5,delay=5</c>), or null.</summary>
    public string? Impair { get; init; }

    /// <summary>Print the network counters at exit and on SIGUSR1.</summary>
    public bool Stats { get; init; }

    /// <summary>A pcap file capturing the link, or null.</summary>
    public string? Pcap { get; init; }

    /// <summary>Arguments after <c>--</c>, passed to the application unchanged.</summary>
    public IReadOnlyList<string> ApplicationArguments { get; init; } = [];

    /// <summary>Files for a sealed image's block devices, by device name (<c>--block NAME=FILE</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> BlockFiles { get; init; } = [];

    /// <summary>Lets a sealed image open outbound connections through the launcher (<c>--allow-outbound</c>).</summary>
    public bool AllowOutbound { get; init; }

    /// <summary>hvt: the guest's memory (for example 32M), or null for the image's manifest.</summary>
    public string? Memory { get; init; }

    /// <summary>hvt: the CPUs the guest is told it has, or null for 1.</summary>
    public int? Cpus { get; init; }

    /// <summary>
    /// The unikernel command line for this launch: <c>--islet-publish</c>,
    /// <c>--islet-content</c> and <c>--islet-quiet</c> options first (the format
    /// <see cref="UnikernelArguments.TryParse"/> reads), then the application's arguments.
    /// </summary>
    public IReadOnlyList<string> ToUnikernelArguments()
    {
        var args = new List<string>();
        foreach (var mapping in Publish)
        {
            args.Add("--islet-publish");
            args.Add(Format(mapping));
        }
        foreach (var (name, directory) in ContentDirectories)
        {
            args.Add("--islet-content");
            args.Add($"{name}={directory}");
        }
        if (Quiet) args.Add("--islet-quiet");
        AddIfSet(args, "--islet-net", Net);
        AddIfSet(args, "--islet-ip", Ip);
        AddIfSet(args, "--islet-gateway", Gateway);
        AddIfSet(args, "--islet-pcap", Pcap);
        AddIfSet(args, "--islet-impair", Impair);
        if (Stats) args.Add("--islet-stats");
        args.AddRange(ApplicationArguments);
        return args;
    }

    private static void AddIfSet(List<string> args, string option, string? value)
    {
        if (value is null) return;
        args.Add(option);
        args.Add(value);
    }

    /// <summary>Formats <paramref name="mapping"/> as <c>ADDRESS:HOSTPORT:GUESTPORT[/udp]</c> (IPv6 in brackets), the form <see cref="PortMapping.TryParse(string, out PortMapping)"/> reads.</summary>
    public static string Format(PortMapping mapping) => mapping.ToString();
}
