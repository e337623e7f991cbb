namespace Islet.Store.Git.Packs.Internal;

/// <summary>A pack held in an array (which the source owns).</summary>
internal sealed class PackArraySource(byte[] pack) : PackSource
{
    public override long Length => pack.Length;

    public override int ReadAt(long offset, Span<byte> destination)
    {
        if (offset >= pack.Length)
            return 0;
        int length = (int)Math.Min(destination.Length, pack.Length - offset);
        pack.AsSpan((int)offset, length).CopyTo(destination);
        return length;
    }
}
