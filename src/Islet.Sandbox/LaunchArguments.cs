using System.Globalization;

namespace Islet.Sandbox;

/// <summary>
/// The launchers' command lines: <c>islet-spt IMAGE [-p [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]]... [--net user|tap:NAME]
/// [--block NAME=FILE]... [--allow-outbound] [--no-confine] [--verify] [--quiet] [--stats] [-- IMAGE-ARGUMENTS...]</c>, and
/// for <c>islet-hvt</c> also <c>[--mem SIZE] [--cpus N] [--trace]</c>.
/// </summary>
public static class LaunchArguments
{
    /// <summary>islet-spt's usage line.</summary>
    public const string SptUsage = "usage: islet-spt IMAGE [-p [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]]... [--net user|tap:NAME] [--block NAME=FILE]... [--allow-outbound] [--no-confine] [--verify] [--quiet] [--stats] [-- IMAGE-ARGUMENTS...]";

    /// <summary>islet-hvt's usage line.</summary>
    public const string HvtUsage = "usage: islet-hvt IMAGE [-p [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]]... [--net user|tap:NAME] [--block NAME=FILE]... [--mem SIZE] [--cpus N] [--allow-outbound] [--no-confine] [--verify] [--quiet] [--stats] [--trace] [-- IMAGE-ARGUMENTS...]";

    /// <summary>The options, or null with a one-line error. <paramref name="virtualMachine"/> admits hvt's options.</summary>
    public static SptOptions? Parse(string[] args, Func<string, bool, IReadOnlyList<DeviceDeclaration>> readDevices, out string error, bool virtualMachine = false)
    {
        int? memoryMiB = null;
        int cpus = 1;
        bool trace = false;
        error = "";
        string? image = null;
        string network = "user";
        var forwards = new List<PortMapping>();
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var imageArguments = new List<string>();
        bool allowOutbound = false, quiet = false, stats = false, verify = false, confine = true;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? Value()
            {
                if (i + 1 < args.Length) return args[++i];
                return null;
            }
            switch (a)
            {
                case "--":
                    imageArguments.AddRange(args[(i + 1)..]);
                    i = args.Length;
                    break;
                case "-p" or "--publish":
                    if (Value() is not { } spec) { error = $"{a} needs [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]"; return null; }
                    if (!PortMapping.TryParse(spec, out var forward, out var forwardError)) { error = forwardError; return null; }
                    forwards.Add(forward);
                    break;
                case "--net":
                    if (Value() is not { } net) { error = "--net needs user or tap:NAME"; return null; }
                    network = net;
                    break;
                case "--block":
                    if (Value() is not { } block || block.IndexOf('=') is <= 0 || block.EndsWith('=')) { error = "--block needs NAME=FILE"; return null; }
                    blocks[block[..block.IndexOf('=')]] = block[(block.IndexOf('=') + 1)..];
                    break;
                case "--allow-outbound": allowOutbound = true; break;
                case "--no-confine": confine = false; break;
                case "--quiet": quiet = true; break;
                case "--verify": verify = true; break;
                case "--stats": stats = true; break;
                case "--mem" when virtualMachine:
                    if (Value() is not { } mem || !TryParseMemory(mem, out int mib)) { error = "--mem needs a size such as 32M, 64MiB or 1G (at least 1M)"; return null; }
                    memoryMiB = mib;
                    break;
                case "--cpus" when virtualMachine:
                    if (Value() is not { } n || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out cpus) || cpus is < 1 or > 64) { error = "--cpus needs a number from 1 to 64"; return null; }
                    break;
                case "--trace" when virtualMachine: trace = true; break;
                default:
                    if (a.StartsWith('-') || image is not null) { error = $"unknown argument '{a}'"; return null; }
                    image = a;
                    break;
            }
        }
        if (image is null) { error = "no image given"; return null; }
        return new SptOptions
        {
            ImagePath = image,
            Devices = readDevices(image, verify),
            Network = network,
            Forwards = forwards,
            BlockFiles = blocks,
            AllowOutbound = allowOutbound,
            Confine = confine,
            Quiet = quiet,
            Stats = stats,
            ImageArguments = imageArguments,
            MemoryMiB = memoryMiB,
            Cpus = cpus,
            TraceSyscalls = trace,
        };
    }

    /// <summary>Parses a memory size: a number of MiB, or with a K, M or G suffix (optionally "iB"/"B"); at least 1 MiB.</summary>
    public static bool TryParseMemory(string text, out int mebibytes)
    {
        mebibytes = 0;
        string t = text.Trim().ToUpperInvariant();
        foreach (string suffix in new[] { "IB", "B" })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length && char.IsLetter(t[^(suffix.Length + 1)])) { t = t[..^suffix.Length]; break; }
        }
        long scale = 1;
        if (t.EndsWith('K')) { scale = -1024; t = t[..^1]; }
        else if (t.EndsWith('M')) { t = t[..^1]; }
        else if (t.EndsWith('G')) { scale = 1024; t = t[..^1]; }
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long value)) return false;
        long mib = scale < 0 ? value / -scale : value * scale;
        if (mib is < 1 or > 65536) return false;
        mebibytes = (int)mib;
        return true;
    }
}
