using Islet.Store.Backends;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// A pack being imported into a repository's <c>objects/pack/</c>: its bytes go to a temporary
/// <c>tmp_pack_*</c> file there; <see cref="Commit"/> makes the pack durable and visible as
/// <c>pack-HEX.pack</c> and <c>pack-HEX.idx</c>, in that order (readers look for the index, so they
/// never see an index without its pack), then calls the refresh callback. Disposing without
/// committing deletes the temporary files.
/// </summary>
internal sealed class PackDirectoryImport : IPackImport
{
    private readonly string _directory;
    private readonly string _packTemp;
    private readonly Action _published;
    private readonly FileStream _data;
    private bool _done;

    public PackDirectoryImport(string directory, Action published)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _published = published;
        _packTemp = Path.Combine(directory, $"tmp_pack_{Guid.NewGuid():N}");
        _data = new FileStream(_packTemp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
    }

    public Stream Data => _data;

    public void Commit(PackIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        ObjectDisposedException.ThrowIf(_done, this);
        string name = Path.Combine(_directory, "pack-" + Convert.ToHexStringLower(index.PackChecksum));
        string indexTemp = Path.Combine(_directory, $"tmp_idx_{Guid.NewGuid():N}");
        try
        {
            _data.Flush(flushToDisk: true);
            _data.Dispose();
            using (var file = new FileStream(indexTemp, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(index.Encoded);
                file.Flush(flushToDisk: true);
            }
            if (File.Exists(name + ".idx"))
            {
                // The same pack is already there (same checksum, same bytes): nothing to publish.
                File.Delete(indexTemp);
                File.Delete(_packTemp);
            }
            else
            {
                File.Move(_packTemp, name + ".pack", overwrite: true);
                File.Move(indexTemp, name + ".idx", overwrite: true);
            }
        }
        catch
        {
            TryDelete(indexTemp);
            throw;
        }
        finally
        {
            _done = true;
            TryDelete(_packTemp);
        }
        _published();
    }

    public void Dispose()
    {
        if (_done)
            return;
        _done = true;
        _data.Dispose();
        TryDelete(_packTemp);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
