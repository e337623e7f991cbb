using Islet.Store.Git.Packs;

namespace Islet.Store.Backends.Internal;

/// <summary>A pack import into memory: the bytes go to a <see cref="MemoryStream"/>, and commit parses them with the index.</summary>
internal sealed class MemoryPackImport : IPackImport
{
    private readonly MemoryObjectStore _store;
    private readonly MemoryStream _data = new();
    private bool _done;

    public MemoryPackImport(MemoryObjectStore store) => _store = store;

    public Stream Data => _data;

    /// <exception cref="GitPackException">The pack does not match the index or is damaged.</exception>
    public void Commit(PackIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        ObjectDisposedException.ThrowIf(_done, this);
        PackFile pack = PackFile.Parse(_data.ToArray(), index);
        pack.Verify();
        _store.AddPack(pack);
        _done = true;
    }

    public void Dispose()
    {
        _done = true;
        _data.Dispose();
    }
}
