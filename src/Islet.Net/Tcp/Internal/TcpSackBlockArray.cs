using System.Runtime.CompilerServices;

namespace Islet.Net.Tcp.Internal;

/// <summary>Inline storage for the at most four SACK blocks of one segment.</summary>
[InlineArray(4)]
internal struct TcpSackBlockArray
{
    private TcpSackBlock _element;
}
