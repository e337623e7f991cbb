namespace Islet.Dns.Server.Internal;

/// <summary>The response codes the authoritative answerer uses (RFC 1035 §4.1.1, RFC 6891 §9).</summary>
internal static class DnsRcode
{
    internal const int NoError = 0;
    internal const int FormErr = 1;
    internal const int ServFail = 2;
    internal const int NxDomain = 3;
    internal const int NotImp = 4;
    internal const int Refused = 5;
    internal const int NotAuth = 9;
    internal const int BadVers = 16;
}
