using System.Buffers.Binary;
using Islet.Dns.Security;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Security.TsigTestMessages;

namespace Islet.Dns.Tests.Security;

public sealed class TsigResponseTests
{
    private static byte[] Finish(byte[] response, TsigVerification request, DateTimeOffset now)
    {
        byte[] buffer = new byte[response.Length + 512];
        response.CopyTo(buffer, 0);
        Assert.True(TsigSigner.TrySignResponse(buffer, response.Length, request, now, out int written));
        return buffer[..written];
    }

    [Fact]
    public void Signed_response_verifies_with_the_request_mac_only()
    {
        (byte[] signed, byte[] mac) = Sign(Query(7), Key, Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        byte[] response = Finish(Response(7), request, Now);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyResponse(response, Key, mac, Now).Status);
        byte[] otherMac = (byte[])mac.Clone();
        otherMac[0] ^= 1;
        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyResponse(response, Key, otherMac, Now).Status);
        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyResponse(response, Sha1Key, mac, Now).Status);
    }

    [Fact]
    public void Badsig_response_carries_an_unsigned_tsig_with_the_error()
    {
        (byte[] signed, byte[] mac) = Sign(Query(7), TsigKey.Parse("update-key:d3Jvbmc="), Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        Assert.Equal(TsigStatus.BadSig, request.Status);
        byte[] response = Finish(Response(7, 0, request.ResponseRcode), request, Now);
        var tsig = (TsigRecordData)DnsMessage.Parse(response).Additional[^1].Data;
        Assert.Empty(tsig.Mac);
        Assert.Equal(16, tsig.Error);
        Assert.Equal(9, DnsMessage.Parse(response).Header.Rcode);
        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyResponse(response, Key, mac, Now).Status);
    }

    [Fact]
    public void Badkey_response_names_the_requested_key()
    {
        (byte[] signed, byte[] mac) = Sign(Query(7), TsigKey.Parse("nobody:c2VjcmV0"), Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        byte[] response = Finish(Response(7, 0, 9), request, Now);
        DnsRecord record = DnsMessage.Parse(response).Additional[^1];
        Assert.Equal(DnsName.Parse("nobody."), record.Name);
        Assert.Equal(17, ((TsigRecordData)record.Data).Error);
        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyResponse(response, Key, mac, Now).Status);
    }

    [Fact]
    public void Badtime_response_is_signed_with_the_server_time_in_other_data()
    {
        (byte[] signed, byte[] mac) = Sign(Query(7), Key, Now);
        DateTimeOffset server = Now.AddHours(1);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, server);
        Assert.Equal(TsigStatus.BadTime, request.Status);
        byte[] response = Finish(Response(7, 0, 9), request, server);
        var tsig = (TsigRecordData)DnsMessage.Parse(response).Additional[^1].Data;
        Assert.Equal(32, tsig.Mac.Length);
        Assert.Equal(18, tsig.Error);
        Assert.Equal((ulong)Now.ToUnixTimeSeconds(), tsig.TimeSigned);
        Assert.Equal(6, tsig.OtherData.Length);
        ulong otherTime = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(tsig.OtherData) << 32) | BinaryPrimitives.ReadUInt32BigEndian(tsig.OtherData.AsSpan(2));
        Assert.Equal((ulong)server.ToUnixTimeSeconds(), otherTime);
        TsigVerification client = TsigVerifier.VerifyResponse(response, Key, mac, Now);
        Assert.Equal(TsigStatus.BadTime, client.Status);
        Assert.Same(Key, client.Key);
    }

    [Fact]
    public void Unsigned_and_formerr_requests_get_no_tsig()
    {
        byte[] response = Response(7);
        TsigVerification unsigned = TsigVerifier.VerifyRequest(Query(7), Keyring, Now);
        Assert.Equal(response, Finish(response, unsigned, Now));
    }

    [Fact]
    public void Signing_fails_cleanly_when_the_buffer_is_full()
    {
        (byte[] signed, _) = Sign(Query(7), Key, Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        byte[] response = Response(7);
        byte[] buffer = new byte[response.Length + 20];
        response.CopyTo(buffer, 0);
        Assert.False(TsigSigner.TrySignResponse(buffer, response.Length, request, Now, out _));
        Assert.Equal(response, buffer[..response.Length]);
    }

    [Fact]
    public void Stream_of_signed_messages_verifies_and_detects_tampering_and_reordering()
    {
        (byte[] signed, byte[] mac) = Sign(Query(9), Key, Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        var signer = new TsigStreamSigner(request);
        var messages = new List<byte[]>();
        for (int i = 0; i < 4; i++)
        {
            byte[] body = Response(9, answers: i + 1);
            byte[] buffer = new byte[body.Length + 200];
            body.CopyTo(buffer, 0);
            Assert.True(signer.TrySign(buffer, body.Length, Now.AddSeconds(i), out int written));
            messages.Add(buffer[..written]);
        }
        var verifier = new TsigStreamVerifier(Key, mac);
        foreach (byte[] message in messages)
            Assert.Equal(TsigStatus.Valid, verifier.Verify(message, Now));
        Assert.True(verifier.IsAtSignedBoundary);

        // The later messages' MAC does not cover the variables, but it covers the prior MAC and the message.
        var reordered = new TsigStreamVerifier(Key, mac);
        Assert.Equal(TsigStatus.Valid, reordered.Verify(messages[0], Now));
        Assert.Equal(TsigStatus.BadSig, reordered.Verify(messages[2], Now));
        Assert.Equal(TsigStatus.BadSig, reordered.Verify(messages[1], Now));

        var tampered = new TsigStreamVerifier(Key, mac);
        Assert.Equal(TsigStatus.Valid, tampered.Verify(messages[0], Now));
        byte[] changed = (byte[])messages[1].Clone();
        changed[^60] ^= 1;
        Assert.NotEqual(TsigStatus.Valid, tampered.Verify(changed, Now));
        Assert.False(tampered.IsAtSignedBoundary);
    }

    [Fact]
    public void Stream_accepts_unsigned_middle_messages_covered_by_the_next_mac()
    {
        // Build by hand: sign message 0, leave message 1 unsigned, sign message 2 over prior MAC + m1 + m2 + timers.
        (byte[] signed, byte[] mac) = Sign(Query(9), Key, Now);
        TsigVerification request = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        var signer = new TsigStreamSigner(request);
        byte[] m0 = Response(9, 1), m1 = Response(9, 2), m2 = Response(9, 3);
        byte[] b0 = new byte[m0.Length + 200];
        m0.CopyTo(b0, 0);
        Assert.True(signer.TrySign(b0, m0.Length, Now, out int w0));
        b0 = b0[..w0];
        byte[] priorMac = ((TsigRecordData)DnsMessage.Parse(b0).Additional[^1].Data).Mac;
        var digest = new List<byte> { 0, 32 };
        digest.AddRange(priorMac);
        digest.AddRange(m1);
        digest.AddRange(m2);
        long time = Now.ToUnixTimeSeconds();
        digest.AddRange(new[] { (byte)(time >> 40), (byte)(time >> 32), (byte)(time >> 24), (byte)(time >> 16), (byte)(time >> 8), (byte)time, (byte)1, (byte)44 });
        byte[] mac2 = System.Security.Cryptography.HMACSHA256.HashData(Key.Secret.ToArray(), digest.ToArray());
        var tsig = new TsigRecordData(TsigKey.HmacSha256, (ulong)time, 300, mac2, 9, 0, []);
        byte[] b2 = new byte[m2.Length + 200];
        m2.CopyTo(b2, 0);
        var writer = new DnsMessageWriter(b2.AsSpan(m2.Length));
        Assert.True(writer.TryWriteRecord(new DnsRecord(Key.Name, DnsClass.Any, 0, tsig)));
        BinaryPrimitives.WriteUInt16BigEndian(b2.AsSpan(10), 1);
        b2 = b2[..(m2.Length + writer.Length)];

        var verifier = new TsigStreamVerifier(Key, mac);
        Assert.Equal(TsigStatus.Valid, verifier.Verify(b0, Now));
        Assert.Equal(TsigStatus.Unsigned, verifier.Verify(m1, Now));
        Assert.False(verifier.IsAtSignedBoundary);
        Assert.Equal(TsigStatus.Valid, verifier.Verify(b2, Now));
        Assert.True(verifier.IsAtSignedBoundary);
    }

    [Fact]
    public void Stream_must_start_signed()
    {
        var verifier = new TsigStreamVerifier(Key, new byte[32]);
        Assert.Equal(TsigStatus.FormErr, verifier.Verify(Response(1), Now));
        Assert.Equal(TsigStatus.BadSig, verifier.Verify(Response(1), Now));
    }
}
