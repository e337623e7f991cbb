namespace Islet.Store.Git.Internal;

/// <summary>
/// A cursor over the content of a commit or tag: header lines (<c>key value</c>, continuation lines
/// starting with a space), then a blank line and the message. Every malformation is a
/// <see cref="GitFormatException"/>.
/// </summary>
internal ref struct GitObjectReader
{
    private readonly ReadOnlySpan<byte> _content;
    private readonly string _kind;
    private int _position;

    public GitObjectReader(ReadOnlySpan<byte> content, string kind)
    {
        _content = content;
        _kind = kind;
        _position = 0;
    }

    /// <summary>True after the blank line that ends the headers (set by <see cref="TryReadEndOfHeaders"/>).</summary>
    public bool HasMessage { get; private set; }

    /// <summary>
    /// True at the blank line that ends the headers (which is then consumed), or at the end of the
    /// content: Git accepts an object of headers alone, each ending in '\n' (fsck's verify_headers).
    /// </summary>
    public bool TryReadEndOfHeaders()
    {
        if (_position >= _content.Length)
            return true;
        HasMessage = _content[_position] == (byte)'\n';
        if (!HasMessage)
            return false;
        _position++;
        return true;
    }

    /// <summary>True when the next line starts with <paramref name="key"/> and a space.</summary>
    public readonly bool NextIs(ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> rest = _content[_position..];
        return rest.Length > key.Length && rest.StartsWith(key) && rest[key.Length] == (byte)' ';
    }

    /// <summary>Reads a one-line header that must be <paramref name="key"/> and returns its value.</summary>
    public ReadOnlySpan<byte> ReadSingle(string key, ReadOnlySpan<byte> keyBytes)
    {
        if (!NextIs(keyBytes))
            ThrowHelper.Format($"The {_kind} has no '{key}' line where one is required (at byte {_position}).");
        ReadOnlySpan<byte> line = ReadLine();
        return line[(keyBytes.Length + 1)..];
    }

    /// <summary>Reads one header with its continuation lines; the value's lines are joined by '\n'.</summary>
    public GitExtraHeader ReadExtra()
    {
        int start = _position;
        ReadOnlySpan<byte> line = ReadLine();
        int space = line.IndexOf((byte)' ');
        if (space <= 0)
            ThrowHelper.Format($"The {_kind} has a header line without 'key value' form at byte {start}.");
        ReadOnlySpan<byte> key = line[..space];
        foreach (byte b in key)
        {
            if (b <= 0x20 || b >= 0x7f)
                ThrowHelper.Format($"The {_kind} has a header key with byte 0x{b:x2} at byte {start}.");
        }
        var value = new List<byte>(line.Length - space - 1);
        value.AddRange(line[(space + 1)..]);
        while (_position < _content.Length && _content[_position] == (byte)' ')
        {
            ReadOnlySpan<byte> continuation = ReadLine();
            value.Add((byte)'\n');
            value.AddRange(continuation[1..]);
        }
        return new GitExtraHeader(System.Text.Encoding.ASCII.GetString(key), value.ToArray());
    }

    /// <summary>The rest of the content: the message.</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        ReadOnlySpan<byte> rest = _content[_position..];
        _position = _content.Length;
        return rest;
    }

    private ReadOnlySpan<byte> ReadLine()
    {
        ReadOnlySpan<byte> rest = _content[_position..];
        int end = rest.IndexOf((byte)'\n');
        if (end < 0)
            ThrowHelper.Format($"The {_kind} ends inside a header line (at byte {_position}).");
        _position += end + 1;
        return rest[..end];
    }

    /// <summary>Parses a lower-case hex id of the algorithm's length.</summary>
    public static GitObjectId ParseHexId(ReadOnlySpan<byte> hex, GitHashAlgorithm algorithm, string what)
    {
        int length = GitObjectId.LengthOf(algorithm);
        if (hex.Length != 2 * length)
            ThrowHelper.Format($"The {what} id is {hex.Length} characters, not {2 * length}.");
        Span<byte> bytes = stackalloc byte[32];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)(HexDigit(hex[2 * i], what) << 4 | HexDigit(hex[2 * i + 1], what));
        return GitObjectId.FromBytes(bytes[..length]);
    }

    private static int HexDigit(byte c, string what) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => ThrowHelper.Format<int>($"The {what} id has '{(char)c}', not a lower-case hex digit."),
    };
}
