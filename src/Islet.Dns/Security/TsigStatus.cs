namespace Islet.Dns.Security;

/// <summary>The outcome of checking a message's TSIG (RFC 8945 §5.2, §5.3.2).</summary>
public enum TsigStatus
{
    /// <summary>The message carries no TSIG record.</summary>
    Unsigned,
    /// <summary>The MAC is right and the time is within the fudge.</summary>
    Valid,
    /// <summary>The message or its TSIG record is malformed: a TSIG that is not the last additional
    /// record, more than one TSIG, class not ANY, TTL not 0, or a MAC length outside the rules of
    /// RFC 8945 §5.2.2.1. Answered with FORMERR and no TSIG.</summary>
    FormErr,
    /// <summary>The key name is unknown or its algorithm differs (TSIG error 17). Answered unsigned.</summary>
    BadKey,
    /// <summary>The MAC does not verify (TSIG error 16). Answered unsigned.</summary>
    BadSig,
    /// <summary>The MAC verifies but Time Signed is more than Fudge seconds from now (TSIG error 18).
    /// Answered signed, with the server's time in Other Data.</summary>
    BadTime,
    /// <summary>The MAC verifies but was truncated, and this implementation accepts full-length MACs
    /// only (TSIG error 22, RFC 8945 §5.2.2.1). Answered signed.</summary>
    BadTrunc,
}
