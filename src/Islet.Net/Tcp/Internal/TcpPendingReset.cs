namespace Islet.Net.Tcp.Internal;

/// <summary>A RST the layer owes for a segment that matched no connection (RFC 9293 §3.10.7.1).</summary>
internal readonly record struct TcpPendingReset(TcpFourTuple Tuple, SeqNumber Sequence, SeqNumber Acknowledgment, Islet.Net.Wire.TcpFlags Flags);
