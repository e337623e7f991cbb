using Islet.Dns.Wire;

namespace Islet.Dns.Zone.Internal;

/// <summary>A parsed record and where it came from, for line-numbered zone check errors.</summary>
internal readonly record struct ZoneLoadedRecord(DnsRecord Record, int Line, string? FileName)
{
    public ZoneFileException Error(string reason) => new(Line, FileName, reason);
}
