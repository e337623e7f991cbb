namespace Islet.Net.Tcp;

/// <summary>
/// A TCP sequence number with modulo-2^32 comparison (RFC 9293 §3.4): <c>a &lt; b</c> means
/// <c>b</c> lies less than 2^31 ahead of <c>a</c>, so comparisons stay correct across wraparound.
/// </summary>
public readonly record struct SeqNumber(uint Value) : IComparable<SeqNumber>
{
    /// <summary>Advances by <paramref name="count"/> (may be negative), wrapping.</summary>
    public static SeqNumber operator +(SeqNumber s, int count) => new(unchecked(s.Value + (uint)count));

    /// <summary>Moves back by <paramref name="count"/>, wrapping.</summary>
    public static SeqNumber operator -(SeqNumber s, int count) => new(unchecked(s.Value - (uint)count));

    /// <summary>The signed distance from <paramref name="b"/> to <paramref name="a"/>.</summary>
    public static int operator -(SeqNumber a, SeqNumber b) => unchecked((int)(a.Value - b.Value));

    /// <summary>True if <paramref name="a"/> is before <paramref name="b"/>.</summary>
    public static bool operator <(SeqNumber a, SeqNumber b) => a - b < 0;

    /// <summary>True if <paramref name="a"/> is after <paramref name="b"/>.</summary>
    public static bool operator >(SeqNumber a, SeqNumber b) => a - b > 0;

    /// <summary>True if <paramref name="a"/> is before or equal to <paramref name="b"/>.</summary>
    public static bool operator <=(SeqNumber a, SeqNumber b) => a - b <= 0;

    /// <summary>True if <paramref name="a"/> is after or equal to <paramref name="b"/>.</summary>
    public static bool operator >=(SeqNumber a, SeqNumber b) => a - b >= 0;

    /// <summary>The later of two sequence numbers.</summary>
    public static SeqNumber Max(SeqNumber a, SeqNumber b) => a > b ? a : b;

    /// <summary>The earlier of two sequence numbers.</summary>
    public static SeqNumber Min(SeqNumber a, SeqNumber b) => a < b ? a : b;

    /// <summary>True if <c>start &lt;= this &lt; start + length</c> (modulo 2^32).</summary>
    public bool InWindow(SeqNumber start, int length) => (uint)(this - start) < (uint)length;

    /// <inheritdoc />
    public int CompareTo(SeqNumber other) => (this - other).CompareTo(0);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
