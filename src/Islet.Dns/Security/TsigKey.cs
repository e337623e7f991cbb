using Islet.Dns.Wire;

namespace Islet.Dns.Security;

/// <summary>
/// A TSIG shared secret (RFC 8945 §3): the key name, the HMAC algorithm and the secret bytes.
/// hmac-sha256 (required by RFC 8945 §6) and hmac-sha1 are supported; a key's MAC is always the
/// algorithm's full output length.
/// </summary>
public sealed class TsigKey
{
    private readonly byte[] _secret;

    /// <summary>The algorithm name <c>hmac-sha256.</c>.</summary>
    public static DnsName HmacSha256 { get; } = DnsName.Parse("hmac-sha256.");

    /// <summary>The algorithm name <c>hmac-sha1.</c>.</summary>
    public static DnsName HmacSha1 { get; } = DnsName.Parse("hmac-sha1.");

    /// <summary>Creates a key. The secret is copied.</summary>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is neither hmac-sha256. nor
    /// hmac-sha1., or the secret is empty.</exception>
    public TsigKey(DnsName name, DnsName algorithm, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (algorithm != HmacSha256 && algorithm != HmacSha1)
            throw new ArgumentException($"The TSIG algorithm {algorithm} is not supported (hmac-sha256. or hmac-sha1.).", nameof(algorithm));
        if (secret.IsEmpty)
            throw new ArgumentException("A TSIG secret must not be empty.", nameof(secret));
        Name = name;
        Algorithm = algorithm == HmacSha256 ? HmacSha256 : HmacSha1;
        _secret = secret.ToArray();
    }

    /// <summary>The key name, which travels as the TSIG record's owner.</summary>
    public DnsName Name { get; }

    /// <summary>The algorithm name: <see cref="HmacSha256"/> or <see cref="HmacSha1"/>.</summary>
    public DnsName Algorithm { get; }

    /// <summary>The secret bytes (HMAC key).</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>The full MAC length of <see cref="Algorithm"/>: 32 for SHA-256, 20 for SHA-1.</summary>
    public int MacLength => Algorithm == HmacSha256 ? 32 : 20;

    /// <summary>Parses nsupdate's <c>-y</c> syntax: <c>[algorithm:]name:base64-secret</c>, where the
    /// algorithm is <c>hmac-sha256</c> (the default) or <c>hmac-sha1</c>, and a name without a final
    /// dot is taken as fully qualified.</summary>
    /// <exception cref="FormatException">The text does not have that form, the name is invalid, the
    /// secret is not base64 or is empty, or the algorithm is unknown.</exception>
    public static TsigKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out TsigKey? key, out string? error) ? key : throw new FormatException(error);
    }

    /// <summary>Like <see cref="Parse"/> but returns false (with <paramref name="key"/> null) instead
    /// of throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TsigKey? key) =>
        TryParse(text, out key, out _);

    private static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TsigKey? key, out string? error)
    {
        key = null;
        error = null;
        string[] parts = (text ?? "").Split(':');
        if (parts.Length is not (2 or 3))
        {
            error = "A TSIG key is written [algorithm:]name:base64-secret.";
            return false;
        }
        DnsName algorithm = HmacSha256;
        if (parts.Length == 3)
        {
            string name = parts[0].TrimEnd('.').ToLowerInvariant();
            if (name is "hmac-sha256")
                algorithm = HmacSha256;
            else if (name is "hmac-sha1")
                algorithm = HmacSha1;
            else
            {
                error = $"The TSIG algorithm '{parts[0]}' is not supported (hmac-sha256 or hmac-sha1).";
                return false;
            }
        }
        DnsName keyName;
        byte[] secret;
        try
        {
            keyName = DnsName.Parse(parts[^2]);
            secret = Convert.FromBase64String(parts[^1]);
        }
        catch (FormatException e)
        {
            error = $"The TSIG key name or secret is invalid: {e.Message}";
            return false;
        }
        if (secret.Length == 0)
        {
            error = "A TSIG secret must not be empty.";
            return false;
        }
        key = new TsigKey(keyName, algorithm, secret);
        return true;
    }

    /// <summary>The key in <see cref="Parse"/> syntax without the secret: <c>hmac-sha256:name</c>.</summary>
    public override string ToString() => $"{Algorithm.ToString().TrimEnd('.')}:{Name}";
}
