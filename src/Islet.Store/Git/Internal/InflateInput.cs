using Islet.Store.Git.Packs;

namespace Islet.Store.Git.Internal;

/// <summary>
/// Where <see cref="ZlibInflater"/> takes its compressed bytes from: a buffer that a subclass refills.
/// The inflater takes bytes one at a time and never more than the stream it decodes, so after a
/// zlib stream ends, <see cref="Position"/> is exactly the first byte after its Adler-32.
/// </summary>
internal abstract class InflateInput
{
    /// <summary>The buffered bytes; those in [<see cref="Position"/>, <see cref="Limit"/>) are unread.</summary>
    protected byte[] Buffer;

    /// <summary>The next unread byte in <see cref="Buffer"/>.</summary>
    protected int Position;

    /// <summary>The end of the buffered bytes.</summary>
    protected int Limit;

    /// <summary>An input over <paramref name="buffer"/> (which the subclass fills), empty at first.</summary>
    protected InflateInput(byte[] buffer) => Buffer = buffer;

    /// <summary>Takes the next byte.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/> when the input has ended.</exception>
    public byte ReadByte()
    {
        if (Position == Limit && !Fill())
            throw new GitPackException(GitPackError.Truncated, "The pack ends inside an entry.");
        return Buffer[Position++];
    }

    /// <summary>Takes <paramref name="destination"/>.Length bytes.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/> when the input ends first.</exception>
    public void ReadExactly(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (Position == Limit && !Fill())
                throw new GitPackException(GitPackError.Truncated, "The pack ends inside an entry.");
            int length = Math.Min(destination.Length, Limit - Position);
            Buffer.AsSpan(Position, length).CopyTo(destination);
            Position += length;
            destination = destination[length..];
        }
    }

    /// <summary>Called when every buffered byte is read: makes at least one more available, or returns false at the end of the input.</summary>
    protected abstract bool Fill();
}
