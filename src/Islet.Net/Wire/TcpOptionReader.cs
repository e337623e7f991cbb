namespace Islet.Net.Wire;

/// <summary>
/// Reads TCP options one at a time from <see cref="TcpSegment.Options"/>.
/// </summary>
/// <remarks>
/// Reading stops at End-of-List or at the end of the span. It also stops, setting
/// <see cref="IsMalformed"/>, when an option's length octet is missing, below 2 or past the
/// end, or does not match its kind: MSS 4, window scale 3, SACK-permitted 2, SACK 2 + 8n
/// with n in 1..4, timestamps 10. Unknown kinds with a well-formed length are returned as-is
/// (RFC 9293 §3.1 requires receivers to skip options they do not implement).
/// </remarks>
public ref struct TcpOptionReader
{
    private readonly ReadOnlySpan<byte> _options;
    private int _position;

    /// <summary>Reads from <paramref name="options"/>.</summary>
    public TcpOptionReader(ReadOnlySpan<byte> options)
    {
        _options = options;
        _position = 0;
        IsMalformed = false;
    }

    /// <summary>True once reading stopped on a malformed option.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Reads the next option; false at the end of the list or on a malformed option.</summary>
    public bool TryReadNext(out TcpOption option)
    {
        option = default;
        if (IsMalformed || _position >= _options.Length) return false;
        var kind = (TcpOptionKind)_options[_position];
        if (kind == TcpOptionKind.EndOfList)
        {
            _position = _options.Length;
            return false;
        }
        if (kind == TcpOptionKind.NoOperation)
        {
            _position++;
            option = new TcpOption(kind, default);
            return true;
        }
        if (_position + 1 >= _options.Length) return Malformed();
        int length = _options[_position + 1];
        if (length < 2 || _position + length > _options.Length) return Malformed();
        bool valid = kind switch
        {
            TcpOptionKind.MaxSegmentSize => length == 4,
            TcpOptionKind.WindowScale => length == 3,
            TcpOptionKind.SackPermitted => length == 2,
            TcpOptionKind.Sack => length >= 10 && length <= 34 && (length - 2) % 8 == 0,
            TcpOptionKind.Timestamps => length == 10,
            _ => true,
        };
        if (!valid) return Malformed();
        option = new TcpOption(kind, _options.Slice(_position + 2, length - 2));
        _position += length;
        return true;
    }

    private bool Malformed()
    {
        IsMalformed = true;
        _position = _options.Length;
        return false;
    }
}
