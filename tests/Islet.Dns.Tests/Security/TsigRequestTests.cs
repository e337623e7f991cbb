using System.Buffers.Binary;
using System.Security.Cryptography;
using Islet.Dns.Security;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Security.TsigTestMessages;

namespace Islet.Dns.Tests.Security;

public sealed class TsigRequestTests
{
    [Fact]
    public void Signed_request_verifies_with_the_keyring()
    {
        (byte[] signed, byte[] mac) = Sign(Query(), Key, Now);
        TsigVerification result = TsigVerifier.VerifyRequest(signed, Keyring, Now.AddSeconds(100));
        Assert.Equal(TsigStatus.Valid, result.Status);
        Assert.Same(Key, result.Key);
        Assert.Equal(mac, result.Mac.ToArray());
        DnsMessage parsed = DnsMessage.Parse(signed);
        Assert.Equal(DnsType.TSIG, parsed.Additional[^1].Type);
        Assert.Equal(DnsClass.Any, parsed.Additional[^1].Class);
    }

    [Fact]
    public void Hmac_sha1_keys_sign_and_verify()
    {
        (byte[] signed, _) = Sign(Query(), Sha1Key, Now);
        TsigVerification result = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        Assert.Equal(TsigStatus.Valid, result.Status);
        Assert.Equal(20, result.Mac.Length);
    }

    [Fact]
    public void Mac_covers_the_digest_laid_out_by_rfc_8945_section_4_3_3()
    {
        byte[] query = Query(0xBEEF);
        (byte[] signed, byte[] mac) = Sign(query, Key, Now);
        var digest = new List<byte>(query);
        digest.AddRange(Key.Name.WireForm.ToArray());
        digest.AddRange(new byte[] { 0, 255, 0, 0, 0, 0 });
        digest.AddRange(TsigKey.HmacSha256.WireForm.ToArray());
        long time = Now.ToUnixTimeSeconds();
        digest.AddRange(new[] { (byte)(time >> 40), (byte)(time >> 32), (byte)(time >> 24), (byte)(time >> 16), (byte)(time >> 8), (byte)time });
        digest.AddRange(new byte[] { 1, 44, 0, 0, 0, 0 });
        Assert.Equal(HMACSHA256.HashData(Key.Secret.ToArray(), digest.ToArray()), mac);
        Assert.Equal(query.Length, signed.Length - (Key.Name.WireLength + 10 + TsigKey.HmacSha256.WireLength + 16 + 32));
    }

    [Fact]
    public void Original_id_is_restored_before_verifying()
    {
        (byte[] signed, _) = Sign(Query(0x1111), Key, Now);
        BinaryPrimitives.WriteUInt16BigEndian(signed, 0x2222);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(signed, Keyring, Now).Status);
    }

    [Fact]
    public void Unsigned_request_is_reported_as_unsigned()
    {
        TsigVerification result = TsigVerifier.VerifyRequest(Query(), Keyring, Now);
        Assert.Equal(TsigStatus.Unsigned, result.Status);
        Assert.Equal(0, result.ResponseRcode);
    }

    [Fact]
    public void Unknown_key_is_badkey()
    {
        (byte[] signed, _) = Sign(Query(), TsigKey.Parse("other-key:c2VjcmV0"), Now);
        TsigVerification result = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        Assert.Equal(TsigStatus.BadKey, result.Status);
        Assert.Equal(9, result.ResponseRcode);
        Assert.Null(result.Key);
    }

    [Fact]
    public void Known_name_with_other_algorithm_is_badkey()
    {
        (byte[] signed, _) = Sign(Query(), TsigKey.Parse("hmac-sha1:update-key:c2VjcmV0"), Now);
        Assert.Equal(TsigStatus.BadKey, TsigVerifier.VerifyRequest(signed, Keyring, Now).Status);
    }

    [Fact]
    public void Wrong_secret_is_badsig()
    {
        (byte[] signed, _) = Sign(Query(), TsigKey.Parse("update-key:d3Jvbmc="), Now);
        TsigVerification result = TsigVerifier.VerifyRequest(signed, Keyring, Now);
        Assert.Equal(TsigStatus.BadSig, result.Status);
        Assert.False(result.IsAuthenticated);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(100000)]
    public void Time_outside_the_fudge_is_badtime(int skew)
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        TsigVerification result = TsigVerifier.VerifyRequest(signed, Keyring, Now.AddSeconds(skew));
        Assert.Equal(TsigStatus.BadTime, result.Status);
        Assert.True(result.IsAuthenticated);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(-300)]
    public void Time_at_the_fudge_edge_is_valid(int skew)
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        Assert.Equal(TsigStatus.Valid, TsigVerifier.VerifyRequest(signed, Keyring, Now.AddSeconds(skew)).Status);
    }

    [Fact]
    public void Every_single_byte_change_fails_verification()
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        for (int i = 2; i < signed.Length; i++)
        {
            byte[] copy = (byte[])signed.Clone();
            copy[i] ^= 0x01;
            TsigStatus status = TsigVerifier.VerifyRequest(copy, Keyring, Now).Status;
            Assert.True(status != TsigStatus.Valid, $"byte {i} changed but the TSIG still verified");
        }
    }
}
