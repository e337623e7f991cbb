using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;

namespace Islet.Store.Tests.Packs;

/// <summary>
/// An in-memory <see cref="IObjectStore"/> for ingest tests: loose objects in a dictionary, committed
/// packs as <see cref="PackFile"/>s over byte arrays. Counts imports begun and left open so a test can
/// check a failed ingest discarded everything.
/// </summary>
internal sealed class MemoryObjectStore(GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) : IObjectStore
{
    private readonly Dictionary<GitObjectId, (GitObjectType Type, byte[] Content)> _loose = [];

    public GitHashAlgorithm Algorithm => algorithm;

    public List<PackFile> Packs { get; } = [];

    public List<byte[]> PackBytes { get; } = [];

    public int OpenImports { get; private set; }

    public bool Contains(GitObjectId id) => _loose.ContainsKey(id) || Packs.Any(p => p.Contains(id));

    public bool TryRead(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        if (_loose.TryGetValue(id, out var value))
        {
            (type, content) = value;
            return true;
        }
        foreach (PackFile pack in Packs)
        {
            if (pack.TryRead(id, out type, out content))
                return true;
        }
        type = default;
        content = [];
        return false;
    }

    public GitObjectId Write(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, algorithm);
        _loose[id] = (type, content.ToArray());
        return id;
    }

    public IPackImport BeginPackImport()
    {
        OpenImports++;
        return new Import(this);
    }

    public IEnumerable<GitObjectId> EnumerateIds() => _loose.Keys.Concat(Packs.SelectMany(p => p.Ids));

    /// <summary>A fingerprint of the contents: loose count, pack count, open imports.</summary>
    public (int Loose, int Packs, int Open) State => (_loose.Count, Packs.Count, OpenImports);

    private sealed class Import(MemoryObjectStore store) : IPackImport
    {
        private bool _closed;

        public Stream Data { get; } = new MemoryStream();

        public void Commit(PackIndex index)
        {
            byte[] bytes = ((MemoryStream)Data).ToArray();
            store.Packs.Add(PackFile.Parse(bytes, index));
            store.PackBytes.Add(bytes);
            Close();
        }

        public void Dispose() => Close();

        private void Close()
        {
            if (!_closed)
                store.OpenImports--;
            _closed = true;
        }
    }
}
