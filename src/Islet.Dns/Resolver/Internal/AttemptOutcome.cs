using Islet.Dns.Wire;

namespace Islet.Dns.Resolver.Internal;

/// <summary>How one attempt at one server ended.</summary>
/// <param name="Truncated">The UDP response had TC set: retry over TCP.</param>
/// <param name="Message">The accepted response, or null when the attempt failed.</param>
/// <param name="Error">Why it failed, when <paramref name="Message"/> is null and it was not truncated.</param>
/// <param name="Detail">A short description of the failure for the exception message.</param>
internal readonly record struct AttemptOutcome(bool Truncated, DnsMessage? Message, DnsResolveError Error, string? Detail)
{
    internal static AttemptOutcome Answered(DnsMessage message) => new(false, message, default, null);

    internal static AttemptOutcome TruncatedAnswer => new(true, null, default, null);

    internal static AttemptOutcome Failed(DnsResolveError error, string detail) => new(false, null, error, detail);
}
