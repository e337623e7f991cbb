namespace Islet.Dns.Zone;

/// <summary>
/// One RDATA token of a master-file entry (RFC 1035 §5.1), as written: a
/// <c>&lt;character-string&gt;</c> in double quotes or a run of other characters.
/// </summary>
/// <param name="Text">
/// The token's characters. For a quoted string the surrounding quotes are removed. Escapes
/// (<c>\DDD</c> and <c>\X</c>) are kept raw, backslash included, for the typed RDATA parser to
/// interpret; so <c>"a\"b"</c> gives the text <c>a\"b</c>.
/// </param>
/// <param name="IsQuoted">True when the token was a quoted string (it may then be empty or hold spaces and <c>;</c>).</param>
public readonly record struct ZoneToken(string Text, bool IsQuoted)
{
    /// <summary>The token as it would be written back: quoted strings in double quotes.</summary>
    public override string ToString() => IsQuoted ? "\"" + Text + "\"" : Text;
}
