namespace Islet.Dns.Server;

public sealed partial class ResponseRateLimiter
{
    /// <summary>The classes of response that are counted separately (after BIND's RRL).</summary>
    public enum ResponseKind
    {
        /// <summary>A positive answer (NOERROR with records in the answer section).</summary>
        Answer,
        /// <summary>NXDOMAIN; pass the zone's apex as the name so random names share a bucket.</summary>
        NxDomain,
        /// <summary>An error RCODE other than NXDOMAIN; the name may be null.</summary>
        Error,
        /// <summary>A referral or NODATA (NOERROR without answers); pass the delegation point or the zone.</summary>
        Referral,
    }

    /// <summary>What to do with a response.</summary>
    public enum Decision
    {
        /// <summary>Send the response.</summary>
        Send,
        /// <summary>Send nothing.</summary>
        Drop,
        /// <summary>Send an empty reply with TC set instead (see <see cref="CreateSlip"/>).</summary>
        Slip,
    }
}
