using Islet.Crypto;
using Islet.Dns.Security.Internal;

namespace Islet.Dns.Security;

/// <summary>
/// Verifies the messages of a multi-message response (RFC 8945 §5.3.1) on the client side. The first
/// message must be signed; later messages may be unsigned, at most <see cref="MaxUnsignedRun"/> in a
/// row, and each signed message's MAC covers the prior MAC, every message since it (unsigned ones
/// whole, the signed one without its TSIG) and the timers. After any failure the stream is dead and
/// every later call returns <see cref="TsigStatus.BadSig"/>. The caller must also check
/// <see cref="IsAtSignedBoundary"/> when the stream ends: a stream ending in unsigned messages is
/// not authenticated. Not thread-safe.
/// </summary>
public sealed class TsigStreamVerifier
{
    /// <summary>The most unsigned messages accepted between two signed ones (RFC 8945 §5.3.1).</summary>
    public const int MaxUnsignedRun = 99;

    private readonly TsigKey _key;
    private TsigMac _digest;
    private bool _first = true;
    private bool _failed;
    private int _unsigned;

    /// <summary>Starts verifying the response to a request signed with <paramref name="key"/>
    /// whose MAC was <paramref name="requestMac"/>.</summary>
    public TsigStreamVerifier(TsigKey key, ReadOnlySpan<byte> requestMac)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _digest = new TsigMac(key);
        _digest.AppendSizedMac(requestMac);
    }

    /// <summary>Whether the last message verified was signed (so the data so far is authenticated).</summary>
    public bool IsAtSignedBoundary => !_failed && !_first && _unsigned == 0;

    /// <summary>Checks the next message of the stream. Returns <see cref="TsigStatus.Valid"/> for a
    /// signed message that verifies, <see cref="TsigStatus.Unsigned"/> for an accepted unsigned one,
    /// or the failure.</summary>
    public TsigStatus Verify(ReadOnlySpan<byte> message, DateTimeOffset now)
    {
        if (_failed)
            return TsigStatus.BadSig;
        TsigStatus status = Check(message, now);
        if (status is not (TsigStatus.Valid or TsigStatus.Unsigned))
            _failed = true;
        return status;
    }

    private TsigStatus Check(ReadOnlySpan<byte> message, DateTimeOffset now)
    {
        TsigStatus found = TsigLocation.Find(message, out TsigLocation? location);
        if (location is null)
        {
            if (found == TsigStatus.FormErr || _first || ++_unsigned > MaxUnsignedRun)
                return TsigStatus.FormErr;
            _digest.Append(message);
            return TsigStatus.Unsigned;
        }
        var data = location.Data;
        if (location.KeyName != _key.Name || data.Algorithm != _key.Algorithm)
            return TsigStatus.BadKey;
        if (data.Mac.Length != _key.MacLength)
            return TsigStatus.FormErr;
        _digest.AppendMessage(message, location.RecordStart, data.OriginalId, location.AdditionalCountWithout);
        if (_first)
            _digest.AppendVariables(location.KeyName, data);
        else
            _digest.AppendTimers(data.TimeSigned, data.Fudge);
        Span<byte> computed = stackalloc byte[32];
        _digest.Finish(computed);
        if (!CryptoBytes.FixedTimeEquals(computed[..data.Mac.Length], data.Mac))
            return TsigStatus.BadSig;
        if (!TsigVerifier.IsTimely(data.TimeSigned, data.Fudge, now))
            return TsigStatus.BadTime;
        _digest = new TsigMac(_key);
        _digest.AppendSizedMac(data.Mac);
        _first = false;
        _unsigned = 0;
        return TsigStatus.Valid;
    }
}
