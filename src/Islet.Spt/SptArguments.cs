using Islet.Sandbox;
using Islet.UserNet;

namespace Islet.Spt;

/// <summary>
/// <c>islet-spt IMAGE [-p [HOSTIP:]HOSTPORT:GUESTPORT]... [--net user|tap:NAME] [--block NAME=FILE]...
/// [--allow-outbound] [--verify] [--quiet] [--stats] [-- IMAGE-ARGUMENTS...]</c>.
/// </summary>
internal static class SptArguments
{
    public const string Usage = "usage: islet-spt IMAGE [-p [HOSTIP:]HOSTPORT:GUESTPORT]... [--net user|tap:NAME] [--block NAME=FILE]... [--allow-outbound] [--verify] [--quiet] [--stats] [-- IMAGE-ARGUMENTS...]";

    /// <summary>The options, or null with a one-line error.</summary>
    public static SptOptions? Parse(string[] args, Func<string, bool, IReadOnlyList<DeviceDeclaration>> readDevices, out string error)
    {
        error = "";
        string? image = null;
        string network = "user";
        var forwards = new List<PortForward>();
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var imageArguments = new List<string>();
        bool allowOutbound = false, quiet = false, stats = false, verify = false;
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
                    if (Value() is not { } spec) { error = $"{a} needs [HOSTIP:]HOSTPORT:GUESTPORT"; return null; }
                    if (!PortForward.TryParse(spec, out var forward, out var forwardError)) { error = forwardError; return null; }
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
                case "--quiet": quiet = true; break;
                case "--verify": verify = true; break;
                case "--stats": stats = true; break;
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
            Quiet = quiet,
            Stats = stats,
            ImageArguments = imageArguments,
        };
    }
}
