using System.Runtime.CompilerServices;

namespace Islet.Crypto.Internal;

/// <summary>Eight 32-bit words held inline (the SHA-256 chaining state).</summary>
[InlineArray(8)]
internal struct UInt32x8
{
    private uint _element;
}

/// <summary>Five 32-bit words held inline (the SHA-1 chaining state).</summary>
[InlineArray(5)]
internal struct UInt32x5
{
    private uint _element;
}

/// <summary>One 64-byte message block held inline (the partial block of a hash).</summary>
[InlineArray(64)]
internal struct Block64
{
    private byte _element;
}

/// <summary>Sixteen 32-bit words held inline (the SHA-1 message schedule ring).</summary>
[InlineArray(16)]
internal struct UInt32x16
{
    private uint _element;
}
