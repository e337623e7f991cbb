namespace Islet.Dns.Wire;

/// <summary>An immutable, fully qualified domain name held as its uncompressed wire form (a sequence of
/// length-prefixed labels ending in the root label). Equality ignores ASCII case (RFC 4343); ordering is
/// the canonical DNSSEC order (RFC 4034 §6.1). At most 255 octets in wire form and 63 per label.</summary>
public sealed partial class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    /// <summary>The largest wire length of a name, root label included (RFC 1035 §3.1).</summary>
    public const int MaxLength = 255;

    /// <summary>The largest length of one label (RFC 1035 §3.1).</summary>
    public const int MaxLabelLength = 63;

    private readonly byte[] _wire;
    private readonly byte[] _offsets;

    /// <summary>The root name ".".</summary>
    public static DnsName Root { get; } = new([0]);

    /// <summary>Wraps an uncompressed wire form the caller has already validated (labels ≤ 63, total ≤ 255,
    /// ending in the root label). The array is owned by the new name.</summary>
    internal DnsName(byte[] wire)
    {
        _wire = wire;
        int count = 0;
        for (int i = 0; wire[i] != 0; i += wire[i] + 1)
            count++;
        _offsets = new byte[count];
        for (int i = 0, n = 0; wire[i] != 0; i += wire[i] + 1)
            _offsets[n++] = (byte)i;
    }

    /// <summary>The number of labels, not counting the root label ("www.example.com." has 3).</summary>
    public int LabelCount => _offsets.Length;

    /// <summary>The length of the uncompressed wire form, root label included.</summary>
    public int WireLength => _wire.Length;

    /// <summary>The uncompressed wire form (length-prefixed labels ending in a zero byte).</summary>
    public ReadOnlySpan<byte> WireForm => _wire;

    /// <summary>Whether this is the root name.</summary>
    public bool IsRoot => _wire.Length == 1;

    /// <summary>Whether the leftmost label is "*" (a wildcard owner, RFC 4592).</summary>
    public bool IsWildcard => _wire.Length > 2 && _wire[0] == 1 && _wire[1] == (byte)'*';

    /// <summary>The offset in <see cref="WireForm"/> of label <paramref name="index"/>'s length octet;
    /// <see cref="LabelCount"/> gives the offset of the root label.</summary>
    internal int LabelOffset(int index) => index == _offsets.Length ? _wire.Length - 1 : _offsets[index];

    /// <summary>The label at <paramref name="index"/>, counting from the left (0 is the leftmost).</summary>
    /// <exception cref="IndexOutOfRangeException">The index is not below <see cref="LabelCount"/>.</exception>
    public ReadOnlySpan<byte> GetLabel(int index)
    {
        int offset = _offsets[index];
        return _wire.AsSpan(offset + 1, _wire[offset]);
    }

    /// <summary>The name without its leftmost label ("example.com." for "www.example.com.").</summary>
    /// <exception cref="InvalidOperationException">This is the root name.</exception>
    public DnsName Parent => IsRoot
        ? throw new InvalidOperationException("The root name has no parent.")
        : new DnsName(_wire[(_wire[0] + 1)..]);

    /// <summary>Whether this name equals <paramref name="other"/> or lies below it
    /// ("www.example.com." is a subdomain of "example.com." and of itself).</summary>
    public bool IsSubdomainOf(DnsName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int skip = LabelCount - other.LabelCount;
        if (skip < 0)
            return false;
        int start = skip == LabelCount ? _wire.Length - 1 : _offsets[skip];
        return EqualsIgnoreCase(_wire.AsSpan(start), other._wire);
    }

    /// <summary>Case-insensitive equality (RFC 4343: ASCII letters only).</summary>
    public bool Equals(DnsName? other) => other is not null && EqualsIgnoreCase(_wire, other._wire);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DnsName);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (byte b in _wire)
            hash.Add(Fold(b));
        return hash.ToHashCode();
    }

    /// <summary>Canonical DNS name order (RFC 4034 §6.1): labels compared from the rightmost, each as
    /// lower-cased octets; a name sorts before its subdomains.</summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
            return 1;
        int common = Math.Min(LabelCount, other.LabelCount);
        for (int i = 1; i <= common; i++)
        {
            ReadOnlySpan<byte> a = GetLabel(LabelCount - i), b = other.GetLabel(other.LabelCount - i);
            int n = Math.Min(a.Length, b.Length);
            for (int j = 0; j < n; j++)
            {
                int d = Fold(a[j]) - Fold(b[j]);
                if (d != 0)
                    return d;
            }
            if (a.Length != b.Length)
                return a.Length - b.Length;
        }
        return LabelCount - other.LabelCount;
    }

    /// <summary>Equality operator (case-insensitive).</summary>
    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (case-insensitive).</summary>
    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    internal static byte Fold(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
            return false;
        for (int i = 0; i < a.Length; i++)
            if (Fold(a[i]) != Fold(b[i]))
                return false;
        return true;
    }
}
