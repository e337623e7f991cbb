namespace Islet.Dns.Wire;

/// <summary>One EDNS option (RFC 6891 §6.1.2): a code and its bytes.</summary>
/// <param name="Code">OPTION-CODE (10 is COOKIE, RFC 7873).</param>
/// <param name="Data">OPTION-DATA, at most 65535 bytes.</param>
public sealed record EdnsOption(ushort Code, byte[] Data)
{
    /// <summary>The COOKIE option code (RFC 7873).</summary>
    public const ushort Cookie = 10;
}
