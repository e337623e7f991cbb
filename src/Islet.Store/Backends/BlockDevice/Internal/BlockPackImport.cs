using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// A pack on its way into a <see cref="BlockDeviceBackend"/>: buffered in memory, checked against
/// its index at <see cref="Commit"/>, then appended as one pack record with a new head.
/// </summary>
internal sealed class BlockPackImport(BlockDeviceBackend backend) : IPackImport
{
    private readonly MemoryStream _data = new();
    private bool _done;

    public Stream Data => _data;

    public void Commit(PackIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        ObjectDisposedException.ThrowIf(_done, this);
        backend.ImportPack(_data.ToArray(), index);
        _done = true;
    }

    public void Dispose()
    {
        _done = true;
        _data.Dispose();
    }
}
