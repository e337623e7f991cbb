namespace Islet.Store.Backends.BlockDevice;

/// <summary>A block-device store refused an operation; <see cref="Error"/> says why.</summary>
public sealed class BlockStoreException : IOException
{
    /// <summary>An exception for <paramref name="error"/> with <paramref name="message"/>.</summary>
    public BlockStoreException(BlockStoreError error, string message) : base(message) => Error = error;

    /// <summary>What went wrong.</summary>
    public BlockStoreError Error { get; }
}
