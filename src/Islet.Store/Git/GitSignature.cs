using System.Globalization;
using System.Text;
using Islet.Store.Git.Internal;

namespace Islet.Store.Git;

/// <summary>
/// An author, committer or tagger line: <c>NAME &lt;EMAIL&gt; SECONDS TIMEZONE</c>, for example
/// <c>A U Thor &lt;a@example.org&gt; 1700000000 +0530</c>. Name and email are kept as bytes, the
/// time zone as the text written (sign and four digits), so a parsed signature writes back
/// byte for byte.
/// </summary>
public sealed class GitSignature
{
    private readonly byte[] _name;
    private readonly byte[] _email;

    /// <summary>A signature from its parts.</summary>
    /// <exception cref="ArgumentException">The name has '&lt;', '&gt;' or '\n'; the email has '&lt;', '&gt;' or '\n';
    /// seconds is negative; the time zone is not a sign and four digits.</exception>
    public GitSignature(ReadOnlySpan<byte> name, ReadOnlySpan<byte> email, long seconds, string timeZone)
    {
        if (name.IndexOfAny("<>\n"u8) >= 0)
            throw new ArgumentException("A signature name may not contain '<', '>' or a newline.", nameof(name));
        if (email.IndexOfAny("<>\n"u8) >= 0)
            throw new ArgumentException("A signature email may not contain '<', '>' or a newline.", nameof(email));
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentNullException.ThrowIfNull(timeZone);
        if (!IsTimeZone(Encoding.ASCII.GetBytes(timeZone)) || timeZone.Length != 5)
            throw new ArgumentException($"'{timeZone}' is not a time zone such as +0530.", nameof(timeZone));
        _name = name.ToArray();
        _email = email.ToArray();
        Seconds = seconds;
        TimeZone = timeZone;
    }

    /// <summary>A signature with a UTF-8 name and email.</summary>
    public GitSignature(string name, string email, long seconds, string timeZone)
        : this(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(email), seconds, timeZone) { }

    /// <summary>The name's bytes (usually UTF-8).</summary>
    public ReadOnlyMemory<byte> Name => _name;

    /// <summary>The email's bytes, without the angle brackets.</summary>
    public ReadOnlyMemory<byte> Email => _email;

    /// <summary>The name as UTF-8 text.</summary>
    public string NameText => Encoding.UTF8.GetString(_name);

    /// <summary>The email as UTF-8 text.</summary>
    public string EmailText => Encoding.UTF8.GetString(_email);

    /// <summary>Seconds since 1970-01-01 UTC.</summary>
    public long Seconds { get; }

    /// <summary>The offset from UTC exactly as written: a sign and four digits, <c>+0530</c>, <c>-0800</c>.</summary>
    public string TimeZone { get; }

    /// <summary>Parses the value of an author, committer or tagger line (without the key and newline).</summary>
    /// <exception cref="GitFormatException">The bytes are not <c>NAME &lt;EMAIL&gt; SECONDS TIMEZONE</c>, or seconds has leading zeros or overflows.</exception>
    public static GitSignature Parse(ReadOnlySpan<byte> value)
    {
        int open = value.IndexOf((byte)'<');
        if (open < 1 || value[open - 1] != (byte)' ')
            ThrowHelper.Format("A signature has no ' <' before its email.");
        ReadOnlySpan<byte> name = value[..(open - 1)];
        if (name.IndexOfAny("<>\n"u8) >= 0)
            ThrowHelper.Format("A signature name contains '>' or a newline.");
        ReadOnlySpan<byte> afterOpen = value[(open + 1)..];
        int close = afterOpen.IndexOf((byte)'>');
        if (close < 0)
            ThrowHelper.Format("A signature has no '>' after its email.");
        ReadOnlySpan<byte> email = afterOpen[..close];
        if (email.IndexOfAny("<\n"u8) >= 0)
            ThrowHelper.Format("A signature email contains '<' or a newline.");
        ReadOnlySpan<byte> time = afterOpen[(close + 1)..];
        if (time.Length < 1 || time[0] != (byte)' ')
            ThrowHelper.Format("A signature has no space after its email.");
        time = time[1..];
        int space = time.IndexOf((byte)' ');
        if (space < 0)
            ThrowHelper.Format("A signature has no time zone.");
        long seconds = ParseSeconds(time[..space]);
        ReadOnlySpan<byte> zone = time[(space + 1)..];
        if (!IsTimeZone(zone))
            ThrowHelper.Format("A signature's time zone is not a sign and four digits.");
        return new GitSignature(name, email, seconds, Encoding.ASCII.GetString(zone));
    }

    /// <summary>The line's value as Git writes it: <c>NAME &lt;EMAIL&gt; SECONDS TIMEZONE</c>.</summary>
    public byte[] ToBytes()
    {
        var buffer = new MemoryStream(_name.Length + _email.Length + 32);
        buffer.Write(_name);
        buffer.Write(" <"u8);
        buffer.Write(_email);
        buffer.Write("> "u8);
        buffer.Write(Encoding.ASCII.GetBytes(Seconds.ToString(CultureInfo.InvariantCulture)));
        buffer.WriteByte((byte)' ');
        buffer.Write(Encoding.ASCII.GetBytes(TimeZone));
        return buffer.ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private static long ParseSeconds(ReadOnlySpan<byte> digits)
    {
        if (digits.Length == 0 || digits.Length > 18 || (digits.Length > 1 && digits[0] == (byte)'0'))
            ThrowHelper.Format("A signature's time is not a decimal number of seconds without leading zeros.");
        long seconds = 0;
        foreach (byte d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
                ThrowHelper.Format("A signature's time has a byte that is not a digit.");
            seconds = seconds * 10 + (d - '0');
        }
        return seconds;
    }

    private static bool IsTimeZone(ReadOnlySpan<byte> zone) =>
        zone.Length == 5 && zone[0] is ((byte)'+' or (byte)'-') && zone[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
