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

    /// <summary>Arguments after <c>--</c>, passed to the application unchanged.</summary>
    public IReadOnlyList<string> ApplicationArguments { get; init; } = [];

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
        args.AddRange(ApplicationArguments);
        return args;
    }

    /// <summary>Formats <paramref name="mapping"/> as <c>ADDRESS:HOSTPORT:GUESTPORT</c> (IPv6 in brackets).</summary>
    public static string Format(PortMapping mapping)
    {
        var host = mapping.HostEndPoint;
        string address = host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host.Address}]"
            : host.Address.ToString();
        return $"{address}:{host.Port}:{mapping.GuestPort}";
    }
}
