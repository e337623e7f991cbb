using Islet.Net.Ip;

namespace Islet.Net.Tcp.Internal;

/// <summary>The demultiplexing key of a connection: local and remote endpoints.</summary>
internal readonly record struct TcpFourTuple(Ipv4Endpoint Local, Ipv4Endpoint Remote);
