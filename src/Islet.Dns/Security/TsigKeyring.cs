using Islet.Dns.Wire;

namespace Islet.Dns.Security;

/// <summary>The TSIG keys a server accepts, looked up by key name (case-insensitively). Immutable,
/// so one instance may be shared by many threads.</summary>
public sealed class TsigKeyring
{
    private readonly Dictionary<DnsName, TsigKey> _keys = [];

    /// <summary>Holds <paramref name="keys"/>.</summary>
    /// <exception cref="ArgumentException">Two keys have the same name, or a key is null.</exception>
    public TsigKeyring(params IEnumerable<TsigKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (TsigKey key in keys)
        {
            if (key is null)
                throw new ArgumentException("A key is null.", nameof(keys));
            if (!_keys.TryAdd(key.Name, key))
                throw new ArgumentException($"Two keys are named {key.Name}.", nameof(keys));
        }
    }

    /// <summary>The number of keys.</summary>
    public int Count => _keys.Count;

    /// <summary>Finds the key named <paramref name="name"/>.</summary>
    public bool TryGetKey(DnsName name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TsigKey? key)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _keys.TryGetValue(name, out key);
    }
}
