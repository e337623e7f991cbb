namespace Islet.Store.Git;

/// <summary>A blob: file contents, any bytes.</summary>
public sealed class GitBlob : GitObject
{
    private readonly byte[] _data;

    /// <summary>A blob holding a copy of <paramref name="data"/>.</summary>
    public GitBlob(ReadOnlySpan<byte> data) => _data = data.ToArray();

    /// <summary>The contents.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <inheritdoc/>
    public override GitObjectType Type => GitObjectType.Blob;

    /// <inheritdoc/>
    public override byte[] ToBytes() => (byte[])_data.Clone();
}
