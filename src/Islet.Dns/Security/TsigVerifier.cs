using Islet.Crypto;
using Islet.Dns.Security.Internal;
using Islet.Dns.Wire;

namespace Islet.Dns.Security;

/// <summary>
/// Checks the TSIG of a single message in wire form (RFC 8945 §5.2 for requests, §5.3 for
/// responses). The checks run in the RFC's order: placement and form (FORMERR), key (BADKEY), MAC
/// (BADSIG), time (BADTIME), truncation (BADTRUNC). MAC truncation: a MAC shorter than the
/// algorithm's output but at least max(10, half the output) bytes is verified over its length and,
/// if right, reported as <see cref="TsigStatus.BadTrunc"/>, because this implementation's local
/// minimum is the full length; any other length is FORMERR (RFC 8945 §5.2.2.1). There is no replay
/// cache: a message replayed within the fudge window verifies again. Never throws for malformed input.
/// </summary>
public static class TsigVerifier
{
    /// <summary>Checks a request's TSIG against the keys in <paramref name="keyring"/>: the MAC over
    /// the message without the TSIG record (ARCOUNT decremented, Original ID restored) followed by
    /// the TSIG variables (RFC 8945 §4.3.3), and Time Signed within Fudge seconds of
    /// <paramref name="now"/>.</summary>
    public static TsigVerification VerifyRequest(ReadOnlySpan<byte> message, TsigKeyring keyring, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        TsigStatus found = TsigLocation.Find(message, out TsigLocation? location);
        if (location is null)
            return new TsigVerification(found);
        if (!keyring.TryGetKey(location.KeyName, out TsigKey? key) || key.Algorithm != location.Data.Algorithm)
            return new TsigVerification(TsigStatus.BadKey, null, location.KeyName, location.Data);
        return Check(message, location, key, [], now);
    }

    /// <summary>Checks a response's TSIG under <paramref name="key"/>: the MAC over the sized
    /// <paramref name="requestMac"/>, the response and the TSIG variables (RFC 8945 §4.3.1). A
    /// response whose TSIG carries an error and an empty MAC (the server's unsigned BADKEY or BADSIG)
    /// is reported with that error and no key; a signed error (BADTIME) is reported after its MAC
    /// verifies.</summary>
    public static TsigVerification VerifyResponse(ReadOnlySpan<byte> response, TsigKey key, ReadOnlySpan<byte> requestMac, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        TsigStatus found = TsigLocation.Find(response, out TsigLocation? location);
        if (location is null)
            return new TsigVerification(found);
        if (location.Data.Error != TsigErrorCode.NoError && location.Data.Mac.Length == 0)
            return new TsigVerification(TsigErrorCode.StatusOf(location.Data.Error)!.Value, null, location.KeyName, location.Data);
        if (location.KeyName != key.Name || location.Data.Algorithm != key.Algorithm)
            return new TsigVerification(TsigStatus.BadKey, null, location.KeyName, location.Data);
        TsigVerification checkedMac = Check(response, location, key, requestMac, now);
        if (checkedMac.Status == TsigStatus.Valid && TsigErrorCode.StatusOf(location.Data.Error) is TsigStatus error)
            return new TsigVerification(error, key, location.KeyName, location.Data);
        return checkedMac;
    }

    /// <summary>Whether a MAC of <paramref name="length"/> bytes is allowed for a full length of
    /// <paramref name="full"/> (RFC 8945 §5.2.2.1).</summary>
    internal static bool IsAllowedMacLength(int length, int full) => length <= full && length >= Math.Max(10, (full + 1) / 2);

    private static TsigVerification Check(ReadOnlySpan<byte> message, TsigLocation location, TsigKey key, ReadOnlySpan<byte> priorMac, DateTimeOffset now)
    {
        TsigRecordData data = location.Data;
        if (!IsAllowedMacLength(data.Mac.Length, key.MacLength))
            return new TsigVerification(TsigStatus.FormErr, null, location.KeyName, data);
        var digest = new TsigMac(key);
        if (!priorMac.IsEmpty)
            digest.AppendSizedMac(priorMac);
        digest.AppendMessage(message, location.RecordStart, data.OriginalId, location.AdditionalCountWithout);
        digest.AppendVariables(location.KeyName, data);
        Span<byte> computed = stackalloc byte[32];
        digest.Finish(computed);
        if (!CryptoBytes.FixedTimeEquals(computed[..data.Mac.Length], data.Mac))
            return new TsigVerification(TsigStatus.BadSig, null, location.KeyName, data);
        if (!IsTimely(data.TimeSigned, data.Fudge, now))
            return new TsigVerification(TsigStatus.BadTime, key, location.KeyName, data);
        if (data.Mac.Length < key.MacLength)
            return new TsigVerification(TsigStatus.BadTrunc, key, location.KeyName, data);
        return new TsigVerification(TsigStatus.Valid, key, location.KeyName, data);
    }

    /// <summary>Whether <paramref name="timeSigned"/> is within <paramref name="fudge"/> seconds of
    /// <paramref name="now"/> (RFC 8945 §5.2.3).</summary>
    internal static bool IsTimely(ulong timeSigned, ushort fudge, DateTimeOffset now)
    {
        long difference = now.ToUnixTimeSeconds() - (long)timeSigned;
        return Math.Abs(difference) <= fudge;
    }
}
