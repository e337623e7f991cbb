using System.Runtime.CompilerServices;

namespace Islet.Store.Git.Internal;

/// <summary>
/// Room for the bytes of one <see cref="GitObjectId"/> (up to 32, SHA-256's length) inside the id
/// itself, so an id is a value with no heap object of its own.
/// </summary>
[InlineArray(32)]
internal struct GitObjectIdBuffer
{
    private byte _element0;
}
