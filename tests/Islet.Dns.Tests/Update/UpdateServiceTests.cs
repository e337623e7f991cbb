using Islet.Dns.Security;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

public sealed class UpdateServiceTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    internal static readonly TsigKey Key = TsigKey.Parse("hmac-sha256:ddns-key:bXktdXBkYXRlLXNlY3JldC0xMjM0NTY3ODkwYWJjZGVm");
    private static readonly UpdateService s_service = new(new TsigKeyring(Key));

    internal static (byte[] Request, byte[] Mac) Signed(DnsMessage message, TsigKey key, DateTimeOffset now)
    {
        byte[] bytes = Bytes(message);
        byte[] buffer = new byte[bytes.Length + 300];
        bytes.CopyTo(buffer, 0);
        Assert.True(TsigSigner.TrySignRequest(buffer, bytes.Length, key, now, out int written, out byte[] mac));
        return (buffer[..written], mac);
    }

    [Fact]
    public void Signed_update_is_applied_and_the_response_is_signed()
    {
        (byte[] request, byte[] mac) = Signed(UpdateOf([AddA("new", "192.0.2.77")]), Key, Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = s_service.Handle(request, [SampleZone()], Now, response);
        Assert.Equal(UpdateRcode.NoError, result.Rcode);
        Assert.Equal(TsigStatus.Valid, result.Tsig);
        Assert.True(result.Changed);
        Assert.Single(result.NewZone!.GetRRset(N("new"), DnsType.A));
        DnsMessage parsed = DnsMessage.Parse(response.AsSpan(0, result.ResponseLength));
        Assert.True(parsed.Header.IsResponse);
        Assert.Equal(5, parsed.Header.Opcode);
        Assert.Equal(42, parsed.Header.Id);
        Assert.Equal(0, parsed.Header.Rcode);
        Assert.Equal(Origin, Assert.Single(parsed.Questions).Name);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), Key, mac, Now).Status);
    }

    [Fact]
    public void Unsigned_update_is_refused_unless_the_policy_allows_it()
    {
        byte[] request = Bytes(UpdateOf([AddA("new", "192.0.2.77")]));
        byte[] response = new byte[512];
        UpdateServiceResult refused = s_service.Handle(request, [SampleZone()], Now, response);
        Assert.Equal(UpdateRcode.Refused, refused.Rcode);
        Assert.False(refused.Changed);
        Assert.Equal(5, DnsMessage.Parse(response.AsSpan(0, refused.ResponseLength)).Header.Rcode);
        var open = new UpdateService(new TsigKeyring(), new UpdatePolicy { RequireTsig = false });
        Assert.True(open.Handle(request, [SampleZone()], Now, response).Changed);
    }

    [Fact]
    public void Wrong_secret_gets_notauth_with_an_unsigned_badsig_and_no_change()
    {
        TsigKey wrong = new(Key.Name, Key.Algorithm, "not-the-secret"u8);
        (byte[] request, _) = Signed(UpdateOf([AddA("new", "192.0.2.77")]), wrong, Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = s_service.Handle(request, [SampleZone()], Now, response);
        Assert.Equal(UpdateRcode.NotAuth, result.Rcode);
        Assert.Equal(TsigStatus.BadSig, result.Tsig);
        Assert.False(result.Changed);
        var tsig = (TsigRecordData)DnsMessage.Parse(response.AsSpan(0, result.ResponseLength)).Additional[^1].Data;
        Assert.Equal(16, tsig.Error);
        Assert.Empty(tsig.Mac);
    }

    [Fact]
    public void Stale_signature_gets_badtime_and_no_change()
    {
        (byte[] request, byte[] mac) = Signed(UpdateOf([AddA("new", "192.0.2.77")]), Key, Now.AddMinutes(-10));
        byte[] response = new byte[512];
        UpdateServiceResult result = s_service.Handle(request, [SampleZone()], Now, response);
        Assert.Equal(UpdateRcode.NotAuth, result.Rcode);
        Assert.Equal(TsigStatus.BadTime, result.Tsig);
        Assert.False(result.Changed);
        Assert.Equal(TsigStatus.BadTime, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), Key, mac, Now.AddMinutes(-10)).Status);
    }

    [Fact]
    public void Unknown_zone_is_notauth_and_signed()
    {
        (byte[] request, byte[] mac) = Signed(UpdateOf([], zone: "example.com."), Key, Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = s_service.Handle(request, [SampleZone()], Now, response);
        Assert.Equal(UpdateRcode.NotAuth, result.Rcode);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), Key, mac, Now).Status);
    }

    [Fact]
    public void Responses_and_tiny_inputs_get_no_answer()
    {
        byte[] response = new byte[512];
        Assert.Equal(0, s_service.Handle(new byte[5], [SampleZone()], Now, response).ResponseLength);
        byte[] answer = Bytes(UpdateOf([]));
        answer[2] |= 0x80;
        Assert.Equal(0, s_service.Handle(answer, [SampleZone()], Now, response).ResponseLength);
        Assert.Equal(0, s_service.Handle(Bytes(UpdateOf([])), [SampleZone()], Now, new byte[8]).ResponseLength);
    }
}

public sealed class UpdateServiceEdgeTests
{
    [Fact]
    public void Signed_malformed_update_gets_a_signed_formerr()
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = 3, Opcode = 5 },
            Questions = [new DnsQuestion(Origin, DnsType.SOA), new DnsQuestion(Origin, DnsType.SOA)],
        };
        (byte[] request, byte[] mac) = UpdateServiceTests.Signed(message, UpdateServiceTests.Key, UpdateServiceTests.Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = new UpdateService(new TsigKeyring(UpdateServiceTests.Key)).Handle(request, [SampleZone()], UpdateServiceTests.Now, response);
        Assert.Equal(UpdateRcode.FormErr, result.Rcode);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), UpdateServiceTests.Key, mac, UpdateServiceTests.Now).Status);
    }

    [Fact]
    public void Edns_request_gets_opt_before_the_tsig()
    {
        DnsMessage message = UpdateOf([AddA("new", "192.0.2.1")]);
        var withEdns = new DnsMessage { Header = message.Header, Questions = message.Questions, Authority = message.Authority, Edns = new DnsEdns { UdpPayloadSize = 1232 } };
        (byte[] request, byte[] mac) = UpdateServiceTests.Signed(withEdns, UpdateServiceTests.Key, UpdateServiceTests.Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = new UpdateService(new TsigKeyring(UpdateServiceTests.Key)).Handle(request, [SampleZone()], UpdateServiceTests.Now, response);
        Assert.True(result.Changed);
        DnsMessage parsed = DnsMessage.Parse(response.AsSpan(0, result.ResponseLength));
        Assert.NotNull(parsed.Edns);
        Assert.Equal(DnsType.TSIG, parsed.Additional[^1].Type);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), UpdateServiceTests.Key, mac, UpdateServiceTests.Now).Status);
    }

    [Fact]
    public void Empty_rdata_of_a_typed_record_parses_as_unknown_data()
    {
        DnsMessage parsed = ViaWire(UpdateOf([AnyOf("www", DnsType.A)]));
        DnsRecord delete = Assert.Single(parsed.Authority);
        Assert.Equal(DnsType.A, delete.Type);
        Assert.Equal(DnsClass.Any, delete.Class);
        Assert.Empty(Assert.IsType<UnknownRecordData>(delete.Data).Data);
    }
}

public sealed class UpdatePolicyTests
{
    [Fact]
    public void Authorize_can_refuse_a_valid_key_for_a_zone()
    {
        var policy = new UpdatePolicy { Authorize = (zone, key) => key is not null && zone == DnsName.Parse("example.net.") };
        var service = new UpdateService(new TsigKeyring(UpdateServiceTests.Key), policy);
        (byte[] request, byte[] mac) = UpdateServiceTests.Signed(UpdateOf([AddA("new", "192.0.2.1")]), UpdateServiceTests.Key, UpdateServiceTests.Now);
        byte[] response = new byte[512];
        UpdateServiceResult result = service.Handle(request, [SampleZone()], UpdateServiceTests.Now, response);
        Assert.Equal(UpdateRcode.Refused, result.Rcode);
        Assert.False(result.Changed);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response.AsSpan(0, result.ResponseLength), UpdateServiceTests.Key, mac, UpdateServiceTests.Now).Status);
        var allowing = new UpdateService(new TsigKeyring(UpdateServiceTests.Key), new UpdatePolicy { Authorize = (zone, key) => key?.Name == UpdateServiceTests.Key.Name });
        Assert.True(allowing.Handle(request, [SampleZone()], UpdateServiceTests.Now, response).Changed);
    }
}
