namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// One object for <see cref="PackStreamWriter"/>: its content (to encode), or, when the store holds it
/// whole in a pack, the zlib stream it is stored as with its inflated size (to copy as it is).
/// </summary>
internal readonly record struct PackStreamObject(GitObjectType Type, byte[]? Content, long Size, byte[]? Deflated)
{
    public static PackStreamObject Encode(GitObjectType type, byte[] content) => new(type, content, content.Length, null);

    public static PackStreamObject Reuse(GitObjectType type, long size, byte[] deflated) => new(type, null, size, deflated);
}
