using Islet.Dns.Wire;

namespace Islet.Dns.Security;

/// <summary>
/// What checking a message's TSIG found (RFC 8945 §5.2): the status, and for a request the key and
/// MAC the response must be signed with. Produced by <see cref="TsigVerifier"/>; handed to
/// <see cref="TsigSigner.TrySignResponse"/> to sign (or unsigned-error) the response.
/// </summary>
public sealed class TsigVerification
{
    internal TsigVerification(TsigStatus status, TsigKey? key = null, DnsName? keyName = null, TsigRecordData? record = null)
    {
        Status = status;
        Key = key;
        KeyName = keyName;
        Record = record;
    }

    /// <summary>The outcome.</summary>
    public TsigStatus Status { get; }

    /// <summary>The key that verified the MAC: set for <see cref="TsigStatus.Valid"/>,
    /// <see cref="TsigStatus.BadTime"/> and <see cref="TsigStatus.BadTrunc"/>, else null.</summary>
    public TsigKey? Key { get; }

    /// <summary>The key name the message named, whenever it had a well-formed TSIG record.</summary>
    public DnsName? KeyName { get; }

    /// <summary>The message's TSIG rdata, whenever it had a well-formed TSIG record.</summary>
    public TsigRecordData? Record { get; }

    /// <summary>The message's MAC as received (empty without a TSIG record): for a request, the
    /// Request MAC that prefixes the response's digest (RFC 8945 §4.3.1).</summary>
    public ReadOnlySpan<byte> Mac => Record is null ? [] : Record.Mac;

    /// <summary>Whether the MAC was verified with a known key (the response can be signed).</summary>
    public bool IsAuthenticated => Status is TsigStatus.Valid or TsigStatus.BadTime or TsigStatus.BadTrunc;

    /// <summary>The response RCODE the status calls for: NOERROR (0) for unsigned or valid, FORMERR
    /// (1), and NOTAUTH (9) for BADKEY, BADSIG, BADTIME and BADTRUNC (RFC 8945 §5.2).</summary>
    public int ResponseRcode => Status switch
    {
        TsigStatus.Unsigned or TsigStatus.Valid => 0,
        TsigStatus.FormErr => 1,
        _ => 9,
    };

    /// <inheritdoc/>
    public override string ToString() => KeyName is null ? Status.ToString() : $"{Status} ({KeyName})";
}
