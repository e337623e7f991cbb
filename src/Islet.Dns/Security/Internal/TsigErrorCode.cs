namespace Islet.Dns.Security.Internal;

/// <summary>The TSIG Error field values (RFC 8945 §4.2, the IANA DNS RCODE registry).</summary>
internal static class TsigErrorCode
{
    internal const ushort NoError = 0;
    internal const ushort BadSig = 16;
    internal const ushort BadKey = 17;
    internal const ushort BadTime = 18;
    internal const ushort BadTrunc = 22;

    internal static ushort For(TsigStatus status) => status switch
    {
        TsigStatus.BadSig => BadSig,
        TsigStatus.BadKey => BadKey,
        TsigStatus.BadTime => BadTime,
        TsigStatus.BadTrunc => BadTrunc,
        _ => NoError,
    };

    internal static TsigStatus? StatusOf(ushort error) => error switch
    {
        NoError => null,
        BadSig => TsigStatus.BadSig,
        BadKey => TsigStatus.BadKey,
        BadTime => TsigStatus.BadTime,
        BadTrunc => TsigStatus.BadTrunc,
        _ => TsigStatus.FormErr,
    };
}
