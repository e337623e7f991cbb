namespace Islet;

/// <summary>
/// The command line of a unikernel: Islet's own options, which the launcher passes, and the
/// application's arguments (everything else, in order).
/// </summary>
/// <remarks>
/// Options: <c>--islet-publish [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp]</c> (repeatable),
/// <c>--islet-content NAME=DIRECTORY</c> (unix target: serve a directory instead of the
/// baked store NAME; repeatable), <c>--islet-quiet</c> (no start-up banner), and for targets
/// with Islet's own stack: <c>--islet-net tap:NAME</c>, <c>--islet-ip ADDRESS/PREFIX</c> (or
/// <c>dhcp</c>), <c>--islet-gateway ADDRESS</c>, <c>--islet-pcap FILE</c>, <c>--islet-stats</c>.
/// </remarks>
public sealed class UnikernelArguments
{
    /// <summary>Published ports.</summary>
    public IReadOnlyList<PortMapping> Publish { get; init; } = [];

    /// <summary>Content stores replaced by directories, by name.</summary>
    public IReadOnlyDictionary<string, string> ContentDirectories { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the start-up banner is suppressed.</summary>
    public bool Quiet { get; init; }

    /// <summary>The network link for targets with Islet's own stack, e.g. <c>tap:islet0</c>; null when not given.</summary>
    public string? Net { get; init; }

    /// <summary>The interface address as <c>ADDRESS/PREFIX</c>, or <c>dhcp</c>; null when not given.</summary>
    public string? Ip { get; init; }

    /// <summary>The default gateway; null when not given.</summary>
    public string? Gateway { get; init; }

    /// <summary>A file to capture every frame to (pcap); null when not given.</summary>
    public string? Pcap { get; init; }

    /// <summary>
    /// Impair the link on Islet's side (<c>--islet-impair loss=5,reorder=10,delay=5,dup=1,seed=7</c>:
    /// percentages and milliseconds); null when not given.
    /// </summary>
    public string? Impair { get; init; }

    /// <summary>Print the network counters when the unikernel exits and on SIGUSR1 (<c>--islet-stats</c>).</summary>
    public bool Stats { get; init; }

    /// <summary>The application's own arguments.</summary>
    public IReadOnlyList<string> Application { get; init; } = [];

    /// <summary>Splits <paramref name="args"/>; on failure <paramref name="error"/> is a one-line message.</summary>
    public static bool TryParse(string[] args, out UnikernelArguments arguments, out string error)
    {
        var publish = new List<PortMapping>();
        var content = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        bool quiet = false, stats = false;
        string? net = null, ip = null, gateway = null, pcap = null, impair = null;
        arguments = new UnikernelArguments();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--islet-publish":
                    if (i + 1 >= args.Length || !PortMapping.TryParse(args[++i], out var mapping))
                    {
                        error = "--islet-publish needs [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp], for example 8080:80 or 5353:53/udp";
                        return false;
                    }
                    publish.Add(mapping);
                    break;
                case "--islet-content":
                    int eq = i + 1 < args.Length ? args[i + 1].IndexOf('=') : -1;
                    if (eq <= 0)
                    {
                        error = "--islet-content needs NAME=DIRECTORY";
                        return false;
                    }
                    content[args[i + 1][..eq]] = args[i + 1][(eq + 1)..];
                    i++;
                    break;
                case "--islet-quiet":
                    quiet = true;
                    break;
                case "--islet-stats":
                    stats = true;
                    break;
                case "--islet-net" or "--islet-ip" or "--islet-gateway" or "--islet-pcap" or "--islet-impair":
                    if (i + 1 >= args.Length || args[i + 1].Length == 0)
                    {
                        error = $"{arg} needs a value";
                        return false;
                    }
                    string value = args[++i];
                    if (arg == "--islet-net") net = value;
                    else if (arg == "--islet-ip") ip = value;
                    else if (arg == "--islet-gateway") gateway = value;
                    else if (arg == "--islet-pcap") pcap = value;
                    else impair = value;
                    break;
                default:
                    if (arg.StartsWith("--islet-", StringComparison.Ordinal))
                    {
                        error = $"unknown option {arg}";
                        return false;
                    }
                    rest.Add(arg);
                    break;
            }
        }
        arguments = new UnikernelArguments
        {
            Publish = publish, ContentDirectories = content, Quiet = quiet, Application = rest,
            Net = net, Ip = ip, Gateway = gateway, Pcap = pcap, Stats = stats, Impair = impair,
        };
        return true;
    }
}
