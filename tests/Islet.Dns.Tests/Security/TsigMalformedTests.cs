using System.Buffers.Binary;
using Islet.Dns.Security;
using Islet.Dns.Wire;
using static Islet.Dns.Tests.Security.TsigTestMessages;

namespace Islet.Dns.Tests.Security;

public sealed class TsigMalformedTests
{
    private static DnsRecord TsigRecord(byte[] mac, DnsClass @class = DnsClass.Any, uint ttl = 0) =>
        new(Key.Name, @class, ttl, new TsigRecordData(TsigKey.HmacSha256, (ulong)Now.ToUnixTimeSeconds(), 300, mac, 1, 0, []));

    private static byte[] Write(DnsMessage message)
    {
        byte[] buffer = new byte[1024];
        return buffer[..DnsMessageWriter.Write(message, buffer, 1024)];
    }

    private static DnsRecord A => new(DnsName.Parse("www.example.com."), DnsClass.Internet, 1, new ARecordData(System.Net.IPAddress.Loopback));

    [Fact]
    public void Tsig_in_the_answer_section_is_formerr()
    {
        byte[] bytes = Write(new DnsMessage { Header = new DnsHeader { Id = 1 }, Answers = [TsigRecord(new byte[32])] });
        Assert.Equal(TsigStatus.FormErr, TsigVerifier.VerifyRequest(bytes, Keyring, Now).Status);
    }

    [Fact]
    public void Tsig_not_last_in_additional_is_formerr()
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        // Append one more A record after the TSIG and bump ARCOUNT.
        byte[] extra = Write(new DnsMessage { Additional = [A] })[12..];
        byte[] bytes = [.. signed, .. extra];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), 2);
        Assert.Equal(TsigStatus.FormErr, TsigVerifier.VerifyRequest(bytes, Keyring, Now).Status);
    }

    [Fact]
    public void Two_tsig_records_are_formerr()
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        int tsigStart = Query().Length;
        byte[] bytes = [.. signed, .. signed[tsigStart..]];
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(10), 2);
        Assert.Equal(TsigStatus.FormErr, TsigVerifier.VerifyRequest(bytes, Keyring, Now).Status);
    }

    [Theory]
    [InlineData(DnsClass.Internet, 0u)]
    [InlineData(DnsClass.Any, 5u)]
    public void Tsig_with_wrong_class_or_ttl_is_formerr(DnsClass @class, uint ttl)
    {
        byte[] bytes = Write(new DnsMessage { Header = new DnsHeader { Id = 1 }, Additional = [TsigRecord(new byte[32], @class, ttl)] });
        Assert.Equal(TsigStatus.FormErr, TsigVerifier.VerifyRequest(bytes, Keyring, Now).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(33)]
    public void Mac_lengths_outside_rfc_8945_5_2_2_1_are_formerr(int length)
    {
        byte[] bytes = Write(new DnsMessage { Header = new DnsHeader { Id = 1 }, Additional = [TsigRecord(new byte[length])] });
        Assert.Equal(TsigStatus.FormErr, TsigVerifier.VerifyRequest(bytes, Keyring, Now).Status);
    }

    [Fact]
    public void Truncated_mac_that_verifies_is_badtrunc_and_wrong_one_is_badsig()
    {
        // Sign properly, then rebuild the TSIG with the MAC cut to 16 bytes: the prefix of the real MAC.
        byte[] query = Query(1);
        (_, byte[] mac) = Sign(query, Key, Now);
        var parsed = DnsMessage.Parse(Sign(query, Key, Now).Signed);
        var full = (TsigRecordData)parsed.Additional[^1].Data;
        byte[] Rebuild(byte[] cut)
        {
            var tsig = new TsigRecordData(full.Algorithm, full.TimeSigned, full.Fudge, cut, full.OriginalId, 0, []);
            var record = new DnsRecord(Key.Name, DnsClass.Any, 0, tsig);
            byte[] buffer = new byte[1024];
            query.CopyTo(buffer, 0);
            var writer = new DnsMessageWriter(buffer.AsSpan(query.Length));
            Assert.True(writer.TryWriteRecord(record));
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), 1);
            return buffer[..(query.Length + writer.Length)];
        }
        Assert.Equal(TsigStatus.BadTrunc, TsigVerifier.VerifyRequest(Rebuild(mac[..16]), Keyring, Now).Status);
        byte[] wrong = mac[..16];
        wrong[0] ^= 1;
        Assert.Equal(TsigStatus.BadSig, TsigVerifier.VerifyRequest(Rebuild(wrong), Keyring, Now).Status);
    }

    [Fact]
    public void Truncated_and_garbage_messages_are_formerr_or_unsigned_never_valid()
    {
        (byte[] signed, _) = Sign(Query(), Key, Now);
        for (int length = 0; length < signed.Length; length++)
        {
            TsigStatus status = TsigVerifier.VerifyRequest(signed.AsSpan(0, length), Keyring, Now).Status;
            Assert.True(status is TsigStatus.FormErr or TsigStatus.Unsigned, $"length {length}: {status}");
        }
    }

    private static byte[] Lower(byte[] bytes) => [.. bytes.Select(b => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b)];

    [Fact]
    public void Random_mutations_of_signed_requests_never_throw_or_verify()
    {
        var random = new Random(8945);
        (byte[] signed, _) = Sign(Query(), Key, Now);
        int valid = 0;
        for (int n = 0; n < 20_000; n++)
        {
            byte[] copy = (byte[])signed.Clone();
            int flips = random.Next(1, 4);
            for (int i = 0; i < flips; i++)
                copy[random.Next(2, copy.Length)] = (byte)random.Next(256);
            // A change of letter case in the key or algorithm name keeps the canonical digest, so it
            // rightly still verifies; such mutations are skipped.
            if (Lower(copy).AsSpan().SequenceEqual(Lower(signed)))
                continue;
            if (random.Next(4) == 0)
                copy = copy[..random.Next(copy.Length)];
            if (TsigVerifier.VerifyRequest(copy, Keyring, Now).Status == TsigStatus.Valid)
                valid++;
        }
        Assert.Equal(0, valid);
    }
}
