using System.Buffers.Binary;
using Islet.Dns.Security;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Update;

/// <summary>
/// The sans-IO front of dynamic update for a server: takes the raw bytes of one request, checks
/// its TSIG (RFC 8945) against a keyring and the <see cref="UpdatePolicy"/>, applies it with
/// <see cref="DynamicUpdate"/> to the zone its zone section names, and writes the response into
/// the caller's buffer, signed when the request was signed with a known key (unsigned TSIG errors
/// for BADKEY and BADSIG, per RFC 8945 §5.3.2). It reads no clock, keeps no state and never throws
/// for any request content, so one instance may serve many threads; the caller serialises updates
/// to one zone and publishes the returned zone before handling the next update to it.
/// </summary>
public sealed class UpdateService
{
    /// <summary>The EDNS payload size put in responses to EDNS requests.</summary>
    public const ushort EdnsPayloadSize = 1232;

    private readonly TsigKeyring _keyring;
    private readonly UpdatePolicy _policy;

    /// <summary>Accepts updates signed with keys of <paramref name="keyring"/>, under
    /// <paramref name="policy"/> (default: TSIG required).</summary>
    public UpdateService(TsigKeyring keyring, UpdatePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        _keyring = keyring;
        _policy = policy ?? new UpdatePolicy();
    }

    /// <summary>Whether <paramref name="message"/> is a request with opcode UPDATE (for routing).</summary>
    public static bool IsUpdate(ReadOnlySpan<byte> message) =>
        message.Length >= DnsHeader.Length && (message[2] & 0x80) == 0 && ((message[2] >> 3) & 0xF) == DynamicUpdate.Opcode;

    /// <summary>
    /// Handles the update in <paramref name="request"/> against <paramref name="zones"/> (the
    /// current versions; the zone section picks one by exact origin, otherwise NOTAUTH) at time
    /// <paramref name="now"/>, writing the response into <paramref name="response"/>. Order of
    /// checks: TSIG form (FORMERR), key, MAC and time (NOTAUTH with the TSIG error), policy
    /// (REFUSED when unsigned and TSIG is required), message form (FORMERR), opcode (NOTIMP), zone
    /// (NOTAUTH), <see cref="UpdatePolicy.Authorize"/> (REFUSED), then the update itself. The response echoes the zone section, carries OPT when the request did,
    /// and ends with the TSIG. Nothing changes unless the TSIG verified (or the policy allows
    /// unsigned updates and the request had no TSIG).
    /// </summary>
    public UpdateServiceResult Handle(ReadOnlySpan<byte> request, IEnumerable<DnsZone> zones, DateTimeOffset now, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(zones);
        if (request.Length < DnsHeader.Length || (request[2] & 0x80) != 0)
            return new UpdateServiceResult(0, UpdateRcode.FormErr, TsigStatus.Unsigned, Reason: "not a request");
        var header = new DnsHeader
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(request),
            IsResponse = true,
            Opcode = (byte)((request[2] >> 3) & 0xF),
        };
        TsigVerification tsig = TsigVerifier.VerifyRequest(request, _keyring, now);
        if (tsig.Status != TsigStatus.Valid && tsig.Status != TsigStatus.Unsigned)
            return Respond(header, [], null, (UpdateRcode)tsig.ResponseRcode, tsig, now, response, $"TSIG {tsig}");
        if (tsig.Status == TsigStatus.Unsigned && _policy.RequireTsig)
            return Respond(header, [], null, UpdateRcode.Refused, tsig, now, response, "unsigned update refused by policy");
        DnsMessage parsed;
        try
        {
            parsed = DnsMessage.Parse(request);
        }
        catch (DnsFormatException e)
        {
            return Respond(header, [], null, UpdateRcode.FormErr, tsig, now, response, e.Message);
        }
        IReadOnlyList<DnsQuestion> zoneSection = parsed.Questions.Count == 1 ? parsed.Questions : [];
        bool edns = parsed.Edns is not null;
        if (parsed.Header.Opcode != DynamicUpdate.Opcode)
            return Respond(header, zoneSection, edns, UpdateRcode.NotImp, tsig, now, response, "not an UPDATE");
        if (parsed.Questions.Count != 1)
            return Respond(header, [], edns, UpdateRcode.FormErr, tsig, now, response, "ZOCOUNT is not 1");
        DnsZone? zone = zones.FirstOrDefault(z => z.Origin == parsed.Questions[0].Name);
        if (zone is null)
            return Respond(header, zoneSection, edns, UpdateRcode.NotAuth, tsig, now, response, $"no zone {parsed.Questions[0].Name}");
        if (_policy.Authorize is { } authorize && !authorize(zone.Origin, tsig.Key))
            return Respond(header, zoneSection, edns, UpdateRcode.Refused, tsig, now, response, $"{tsig.KeyName?.ToString() ?? "unsigned"} may not update {zone.Origin}");
        DynamicUpdateResult result = DynamicUpdate.Apply(parsed, zone);
        UpdateServiceResult written = Respond(header, zoneSection, edns, result.Rcode, tsig, now, response, result.Reason);
        return written with { NewZone = result.NewZone, Diff = result.Diff };
    }

    private static UpdateServiceResult Respond(DnsHeader header, IReadOnlyList<DnsQuestion> zoneSection, bool? edns,
        UpdateRcode rcode, TsigVerification tsig, DateTimeOffset now, Span<byte> response, string? reason)
    {
        var message = new DnsMessage
        {
            Header = header with { Rcode = (byte)rcode },
            Questions = zoneSection,
            Edns = edns == true ? new DnsEdns { UdpPayloadSize = EdnsPayloadSize } : null,
        };
        int length;
        try
        {
            length = DnsMessageWriter.Write(message, response, response.Length);
        }
        catch (ArgumentException)
        {
            return new UpdateServiceResult(0, rcode, tsig.Status, Reason: reason);
        }
        if (!TsigSigner.TrySignResponse(response, length, tsig, now, out length))
            length = 0;
        return new UpdateServiceResult(length, rcode, tsig.Status, Reason: reason);
    }
}
