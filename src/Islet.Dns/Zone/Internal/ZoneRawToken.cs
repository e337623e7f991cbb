namespace Islet.Dns.Zone.Internal;

/// <summary>A token as the tokenizer found it, with the line it is on.</summary>
internal readonly record struct ZoneRawToken(string Text, bool IsQuoted, int Line);
