namespace Islet.Net.Tests;

/// <summary>Captured and carefully computed packets shared by the tests.</summary>
internal static class Packets
{
    /// <summary>
    /// IPv4 header from a real capture (the Wikipedia "IPv4 header checksum" example):
    /// 192.168.0.1 → 192.168.0.199, UDP, TTL 64, DF, total length 0x73, checksum 0xB861.
    /// </summary>
    /// <summary>
    /// A Linux-style TCP SYN 192.168.1.10:45678 → 93.184.216.34:80, seq 0x12345678, window 64240,
    /// options MSS 1460, SACK-permitted, timestamps (0x0a1b2c3d, 0), NOP, window scale 7.
    /// </summary>
    public static readonly byte[] LinuxTcpSyn = Fuzz.Hex(
        "b26e00501234567800000000a002faf003bf0000020405b40402080a0a1b2c3d0000000001030307");

    public static readonly byte[] WikipediaIpv4Header = Fuzz.Hex("450000730000400040 11b861c0a80001c0a800c7");

    /// <summary>
    /// A DNS query for example.com A in UDP in IPv4: 192.168.1.10:54321 → 8.8.8.8:53,
    /// id 0x1c46, DF, TTL 64; IP checksum 0x4cac, UDP checksum 0x6fe2.
    /// </summary>
    public static readonly byte[] DnsQueryIpv4 = Fuzz.Hex(
        "450000391c46400040114cacc0a8010a08080808" +
        "d431003500256fe2" +
        "1a2b01000001000000000000076578616d706c6503636f6d0000010001");

    /// <summary>
    /// A Linux ping echo request in IPv4 (8-byte timestamp + 0x10..0x37): 192.168.1.10 → 8.8.8.8,
    /// ident 0x1234, seq 1; ICMP checksum 0xa2ac.
    /// </summary>
    public static readonly byte[] PingIpv4 = Fuzz.Hex(
        "4500004cabcd40004001bd21c0a8010a08080808" +
        "0800a2ac12340001f6e5d4c3b2a10600101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637");

    /// <summary>
    /// An Ethernet broadcast ARP request from a capture: who has 24.166.173.159? tell
    /// 24.166.172.1 (00:07:0d:af:f4:54).
    /// </summary>
    public static readonly byte[] ArpRequestFrame = Fuzz.Hex(
        "ffffffffffff00070daff4540806" +
        "0001080006040001 00070daff454 18a6ac01 000000000000 18a6ad9f");
}
