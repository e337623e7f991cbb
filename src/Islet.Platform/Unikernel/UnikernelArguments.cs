namespace Islet;

/// <summary>
/// The command line of a unikernel: Islet's own options, which the launcher passes, and the
/// application's arguments (everything else, in order).
/// </summary>
/// <remarks>
/// Options: <c>--islet-publish [ADDRESS:]HOSTPORT:GUESTPORT</c> (repeatable),
/// <c>--islet-content NAME=DIRECTORY</c> (unix target: serve a directory instead of the
/// baked store NAME; repeatable), <c>--islet-quiet</c> (no start-up banner).
/// </remarks>
public sealed class UnikernelArguments
{
    /// <summary>Published ports.</summary>
    public IReadOnlyList<PortMapping> Publish { get; init; } = [];

    /// <summary>Content stores replaced by directories, by name.</summary>
    public IReadOnlyDictionary<string, string> ContentDirectories { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the start-up banner is suppressed.</summary>
    public bool Quiet { get; init; }

    /// <summary>The application's own arguments.</summary>
    public IReadOnlyList<string> Application { get; init; } = [];

    /// <summary>Splits <paramref name="args"/>; on failure <paramref name="error"/> is a one-line message.</summary>
    public static bool TryParse(string[] args, out UnikernelArguments arguments, out string error)
    {
        var publish = new List<PortMapping>();
        var content = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        bool quiet = false;
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
                        error = "--islet-publish needs [ADDRESS:]HOSTPORT:GUESTPORT, for example 8080:80";
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
        arguments = new UnikernelArguments { Publish = publish, ContentDirectories = content, Quiet = quiet, Application = rest };
        return true;
    }
}
