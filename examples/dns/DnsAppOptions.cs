using System.Globalization;
using System.Net;
using Islet.Dns.Security;

namespace Islet.Examples.Dns;

/// <summary>
/// The dns example's own arguments (after Islet's): <c>--key [ALG:]NAME:SECRET</c> (TSIG keys
/// that may update the zones and transfer them; repeatable), <c>--allow-transfer PREFIX</c>
/// (addresses that may transfer without a key, e.g. <c>10.0.0.0/8</c>; repeatable),
/// <c>--notify ADDRESS[:PORT]</c> (secondaries to notify of changes; repeatable) and
/// <c>--rate-limit N</c> (UDP responses per second per client network; off by default).
/// </summary>
internal sealed class DnsAppOptions
{
    public const string Usage = "usage: dns [--key [hmac-sha256:]NAME:SECRET]... [--allow-transfer PREFIX]... [--notify ADDRESS[:PORT]]... [--rate-limit N]";

    public List<TsigKey> Keys { get; } = [];

    public List<IPNetwork> AllowTransfer { get; } = [];

    public List<IPEndPoint> Notify { get; } = [];

    public int RateLimit { get; private set; }

    /// <summary>Parses <paramref name="arguments"/>; null with <paramref name="error"/> set for anything unknown or malformed.</summary>
    public static DnsAppOptions? Parse(IReadOnlyList<string> arguments, out string? error)
    {
        var options = new DnsAppOptions();
        error = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            string name = arguments[i];
            if (i + 1 >= arguments.Count)
            {
                error = name is "--key" or "--allow-transfer" or "--notify" or "--rate-limit" ? $"{name} needs a value" : $"unknown argument '{name}'";
                return null;
            }
            string value = arguments[++i];
            switch (name)
            {
                case "--key" when TsigKey.TryParse(value, out TsigKey? key):
                    options.Keys.Add(key);
                    break;
                case "--allow-transfer" when IPNetwork.TryParse(value.Contains('/') ? value : value + (value.Contains(':') ? "/128" : "/32"), out IPNetwork network):
                    options.AllowTransfer.Add(network);
                    break;
                case "--notify" when IPEndPoint.TryParse(value, out IPEndPoint? target):
                    options.Notify.Add(target.Port == 0 ? new IPEndPoint(target.Address, 53) : target);
                    break;
                case "--rate-limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int rate) && rate > 0:
                    options.RateLimit = rate;
                    break;
                default:
                    error = name is "--key" or "--allow-transfer" or "--notify" or "--rate-limit"
                        ? $"bad {name} '{value}'"
                        : $"unknown argument '{name}'";
                    return null;
            }
        }
        return options;
    }
}
