using Islet.Store.Backends.BlockDevice.Internal;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends.BlockDevice;

public sealed partial class BlockDeviceBackend
{
    internal bool ContainsObject(GitObjectId id)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pendingObjects.ContainsKey(id) || _packs.Any(p => p.Index.Contains(id));
        }
    }

    internal bool TryReadObject(GitObjectId id, out GitObjectType type, out byte[] content)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pendingObjects.TryGetValue(id, out var pending))
            {
                type = pending.Type;
                content = pending.Content.ToArray();
                return true;
            }
            for (int i = _packs.Count - 1; i >= 0; i--)
            {
                if (_packs[i].Index.Contains(id))
                    return LoadPack(_packs[i]).TryRead(id, out type, out content);
            }
            type = default;
            content = [];
            return false;
        }
    }

    /// <summary>The zlib stream of a published object stored whole in one of the log's packs (pending objects have none yet).</summary>
    internal bool TryReadStoredEntry(GitObjectId id, out GitObjectType type, out long size, out byte[] deflated)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pendingObjects.ContainsKey(id))
            {
                for (int i = _packs.Count - 1; i >= 0; i--)
                {
                    if (_packs[i].Index.Contains(id))
                        return LoadPack(_packs[i]).TryReadWholeEntry(id, out type, out size, out deflated);
                }
            }
            type = default;
            size = 0;
            deflated = [];
            return false;
        }
    }

    internal GitObjectId WriteObject(GitObjectType type, ReadOnlySpan<byte> content)
    {
        GitObjectId id = GitObjectId.Compute(type, content, Algorithm);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pendingObjects.ContainsKey(id) || _packs.Any(p => p.Index.Contains(id)))
                return id;
            byte[] copy = content.ToArray();
            _pending.Add(type, copy);
            _pendingObjects[id] = (type, copy);
            if (!_options.DeferObjectWrites)
            {
                try
                {
                    Publish(importedPack: null, refs: null);
                }
                catch
                {
                    _pendingObjects.Remove(id);
                    _pending = new PackWriter(Algorithm);
                    foreach (var (_, value) in _pendingObjects)
                        _pending.Add(value.Type, value.Content);
                    throw;
                }
            }
            return id;
        }
    }

    internal IEnumerable<GitObjectId> EnumerateObjectIds()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return [.. _pendingObjects.Keys, .. _packs.SelectMany(p => p.Index.Ids)];
        }
    }

    internal void ImportPack(byte[] pack, PackIndex index)
    {
        PackFile.Parse(pack, index);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Publish((pack, index), refs: null);
        }
    }

    internal GitRefValue? ReadRef(string name)
    {
        GitRefName.Check(name);
        lock (_lock)
            return _refs.TryGetValue(name, out GitRefValue value) ? value : null;
    }

    internal IReadOnlyList<GitRef> ListRefs(string prefix)
    {
        lock (_lock)
            return [.. _refs.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new GitRef(r.Key, r.Value, null))];
    }

    /// <summary>Compare-and-swap (<paramref name="newValue"/> null deletes): publishes pending objects and the new ref table together.</summary>
    internal bool UpdateRef(string name, GitObjectId? expectedOld, bool expectAny, GitRefValue? newValue)
    {
        GitRefName.Check(name);
        if (newValue is { IsSymbolic: false } direct && direct.Id.Bytes.Length != GitObjectId.LengthOf(Algorithm))
            throw new ArgumentException($"The new id is not a {Algorithm} id.", nameof(newValue));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool exists = _refs.TryGetValue(name, out GitRefValue current);
            bool matches = expectAny || (expectedOld is null ? !exists : exists && !current.IsSymbolic && current.Id == expectedOld.Value);
            if (!matches || (newValue is null && !exists))
                return false;
            if (newValue is not null && !exists)
                CheckNoNameConflict(name);
            var refs = new Dictionary<string, GitRefValue>(_refs, StringComparer.Ordinal);
            if (newValue is GitRefValue value)
                refs[name] = value;
            else
                refs.Remove(name);
            Publish(importedPack: null, refs);
            return true;
        }
    }

    private void CheckNoNameConflict(string name)
    {
        foreach (string existing in _refs.Keys)
        {
            if (name.StartsWith(existing + "/", StringComparison.Ordinal) || existing.StartsWith(name + "/", StringComparison.Ordinal))
                throw new GitRefException(GitRefError.NameConflict, $"Cannot create '{name}': '{existing}' exists.");
        }
    }
}
