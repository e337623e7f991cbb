namespace Islet.Net.Tcp;

/// <summary>One SACK block (RFC 2018 §3): the received range <c>[Left, Right)</c>.</summary>
public readonly record struct TcpSackBlock(SeqNumber Left, SeqNumber Right);
