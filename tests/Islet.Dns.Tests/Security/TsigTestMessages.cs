using Islet.Dns.Security;
using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Security;

/// <summary>Keys, clocks and messages the TSIG tests share.</summary>
internal static class TsigTestMessages
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    internal static readonly TsigKey Key = TsigKey.Parse("hmac-sha256:update-key:c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==");
    internal static readonly TsigKey Sha1Key = TsigKey.Parse("hmac-sha1:sha1-key.:AAECAwQFBgcICQoLDA0ODxAREhM=");
    internal static readonly TsigKeyring Keyring = new(Key, Sha1Key);

    internal static byte[] Query(ushort id = 0x1234, string name = "www.example.com.")
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = id },
            Questions = [new DnsQuestion(DnsName.Parse(name), DnsType.A)],
        };
        byte[] buffer = new byte[512];
        return buffer[..DnsMessageWriter.Write(message, buffer)];
    }

    internal static byte[] Response(ushort id, int answers = 1, int rcode = 0)
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = id, IsResponse = true, IsAuthoritative = true, Rcode = (byte)rcode },
            Questions = [new DnsQuestion(DnsName.Parse("www.example.com."), DnsType.A)],
            Answers = [.. Enumerable.Range(0, answers).Select(i =>
                new DnsRecord(DnsName.Parse("www.example.com."), DnsClass.Internet, 300, new ARecordData(new System.Net.IPAddress([192, 0, 2, (byte)i]))))],
        };
        byte[] buffer = new byte[4096];
        return buffer[..DnsMessageWriter.Write(message, buffer, 4096)];
    }

    /// <summary>Signs <paramref name="message"/> as a request and returns the signed bytes and MAC.</summary>
    internal static (byte[] Signed, byte[] Mac) Sign(byte[] message, TsigKey key, DateTimeOffset now)
    {
        byte[] buffer = new byte[message.Length + 512];
        message.CopyTo(buffer, 0);
        Assert.True(TsigSigner.TrySignRequest(buffer, message.Length, key, now, out int written, out byte[] mac));
        return (buffer[..written], mac);
    }
}
