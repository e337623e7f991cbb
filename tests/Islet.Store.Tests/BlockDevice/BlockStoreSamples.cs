using System.Text;
using Islet.Dns.Tests.Persistence;
using Islet.Store.Backends;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;

namespace Islet.Store.Tests.BlockDevice;

/// <summary>Helpers for block-device store tests: devices, commits, synchronous open.</summary>
internal static class BlockStoreSamples
{
    public static MemoryBlockDevice Device(long sectors = 256, int sectorSize = 512) => new(sectorSize, sectors);

    public static BlockDeviceBackend Format(MemoryBlockDevice device, BlockDeviceStoreOptions? options = null, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) =>
        BlockDeviceBackend.FormatAsync(device, algorithm, options).AsTask().GetAwaiter().GetResult();

    public static BlockDeviceBackend Open(Islet.Devices.IBlockDevice device, BlockDeviceStoreOptions? options = null) =>
        BlockDeviceBackend.OpenAsync(device, options).AsTask().GetAwaiter().GetResult();

    /// <summary>Writes a blob, a tree and a commit on top of <paramref name="parent"/>; returns the commit.</summary>
    public static GitObjectId Commit(IObjectStore objects, string text, GitObjectId? parent)
    {
        GitObjectId blob = objects.Write(GitObjectType.Blob, Encoding.UTF8.GetBytes(text));
        GitObjectId tree = objects.Write(GitObjectType.Tree, new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "f.txt", blob)]).ToBytes());
        var signature = new GitSignature("T", "t@example.org", 1_700_000_000, "+0000");
        var commit = new GitCommit(tree, parent is null ? [] : [parent.Value], signature, signature, text + "\n");
        return objects.Write(GitObjectType.Commit, commit.ToBytes());
    }

    /// <summary>Commits <paramref name="text"/> on main by compare-and-swap; returns the commit.</summary>
    public static GitObjectId CommitOnMain(IStoreBackend store, string text)
    {
        GitObjectId? parent = store.Refs.Resolve("refs/heads/main");
        GitObjectId id = Commit(store.Objects, text, parent);
        Assert.True(store.Refs.TryUpdate("refs/heads/main", parent, id));
        return id;
    }

    /// <summary>The text of the blob in the commit's tree.</summary>
    public static string TextOf(IObjectStore objects, GitObjectId commit)
    {
        Assert.True(objects.TryRead(commit, out GitObjectType type, out byte[] content));
        Assert.Equal(GitObjectType.Commit, type);
        GitCommit parsed = GitCommit.Parse(content);
        Assert.True(objects.TryRead(parsed.Tree, out _, out byte[] tree));
        Assert.True(objects.TryRead(GitTree.Parse(tree).Entries[0].Id, out _, out byte[] blob));
        return Encoding.UTF8.GetString(blob);
    }
}
