using Islet.Dns.Security.Internal;

namespace Islet.Dns.Security;

/// <summary>
/// Signs the messages of a multi-message response, such as AXFR over TCP (RFC 8945 §5.3.1): the
/// first message like a single response (request MAC, message, variables), each later one over the
/// prior MAC, the message and the timers only. Every message is signed. Not thread-safe.
/// </summary>
public sealed class TsigStreamSigner
{
    private readonly TsigKey _key;
    private readonly Islet.Dns.Wire.DnsName _keyName;
    private byte[] _priorMac;
    private bool _first = true;

    /// <summary>Starts the stream answering a request whose TSIG verified.</summary>
    /// <exception cref="ArgumentException"><paramref name="request"/> is not <see cref="TsigStatus.Valid"/>.</exception>
    public TsigStreamSigner(TsigVerification request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != TsigStatus.Valid || request.Key is null || request.KeyName is null)
            throw new ArgumentException("Only a request with a valid TSIG starts a signed stream.", nameof(request));
        _key = request.Key;
        _keyName = request.KeyName;
        _priorMac = request.Mac.ToArray();
    }

    /// <summary>Appends a TSIG to the next message of the stream in <c>buffer[..length]</c>.
    /// False (buffer and stream state unchanged) when the record does not fit.</summary>
    public bool TrySign(Span<byte> buffer, int length, DateTimeOffset now, out int written)
    {
        var fields = new TsigRecordWriter.Fields(_keyName, _key.Algorithm, TsigRecordWriter.TimeOf(now), TsigSigner.DefaultFudge, 0, []);
        if (!TsigRecordWriter.TryAppend(buffer, length, _key, _priorMac, timersOnly: !_first, fields, out written, out byte[] mac))
            return false;
        _priorMac = mac;
        _first = false;
        return true;
    }
}
