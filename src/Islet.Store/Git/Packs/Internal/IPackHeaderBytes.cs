namespace Islet.Store.Git.Packs.Internal;

/// <summary>Where <see cref="PackEntryHeaderParser"/> takes a header's bytes from: a window of the pack in memory, or an ingest's input stream.</summary>
internal interface IPackHeaderBytes
{
    /// <summary>The next byte.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/> when there is none.</exception>
    byte Next();

    /// <summary>The next <paramref name="destination"/>.Length bytes.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/> when fewer remain.</exception>
    void Read(scoped Span<byte> destination);
}
