namespace Islet.Store.Git;

/// <summary>
/// A header of a commit or tag beyond the ones Git requires (<c>encoding</c>, <c>mergetag</c>,
/// <c>gpgsig</c>, ...). A value with '\n' in it is written as continuation lines, each starting
/// with one space (gitformat-signature), and read back to the same value.
/// </summary>
public sealed class GitExtraHeader
{
    private readonly byte[] _value;

    /// <summary>A header <paramref name="key"/> with <paramref name="value"/> (the lines joined by '\n', no trailing continuation spaces).</summary>
    /// <exception cref="ArgumentException">The key is empty or has a byte that is not printable ASCII other than space.</exception>
    public GitExtraHeader(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Any(c => c <= ' ' || c >= (char)0x7f))
            throw new ArgumentException($"'{key}' is not a header key (printable ASCII without spaces).", nameof(key));
        Key = key;
        _value = value.ToArray();
    }

    /// <summary>The key, for example <c>gpgsig</c>.</summary>
    public string Key { get; }

    /// <summary>The value's bytes, its lines joined by '\n' (the continuation spaces removed).</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>The value as UTF-8 text (invalid sequences replaced; use <see cref="Value"/> for exact bytes).</summary>
    public string ValueText => System.Text.Encoding.UTF8.GetString(_value);
}
