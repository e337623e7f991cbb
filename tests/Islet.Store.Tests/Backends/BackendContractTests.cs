using Islet.Dns.Tests.Persistence;
using Islet.Store.Backends;
using Islet.Store.Backends.BlockDevice;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Backends;

/// <summary>The same behaviours from every backend: the .git directory and the block-device log.</summary>
public sealed class BackendContractTests
{
    public static TheoryData<string> Backends => ["git", "block"];

    private static IStoreBackend Create(string kind) => kind switch
    {
        "git" => new GitDirectoryTestBackend(),
        _ => BlockDeviceBackend.FormatAsync(new MemoryBlockDevice(512, 1024)).AsTask().Result,
    };

    private static readonly GitObjectId s_a = GitObjectId.Parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static readonly GitObjectId s_b = GitObjectId.Parse("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    [Theory]
    [MemberData(nameof(Backends))]
    public void Writes_are_idempotent_and_readable(string kind)
    {
        using IStoreBackend store = Create(kind);
        GitObjectId id = store.Objects.Write(GitObjectType.Blob, "same"u8);
        Assert.Equal(id, store.Objects.Write(GitObjectType.Blob, "same"u8));
        Assert.Equal(GitObjectId.Compute(GitObjectType.Blob, "same"u8, GitHashAlgorithm.Sha1), id);
        Assert.True(store.Objects.Contains(id));
        Assert.True(store.Objects.TryRead(id, out GitObjectType type, out byte[] content));
        Assert.Equal(GitObjectType.Blob, type);
        Assert.Equal("same"u8.ToArray(), content);
        Assert.Equal([id], store.Objects.EnumerateIds().Distinct());
        Assert.False(store.Objects.TryRead(s_a, out _, out _));
        Assert.False(store.Objects.Contains(s_a));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Refs_compare_and_swap_list_in_order_and_resolve_symbolic_refs(string kind)
    {
        using IStoreBackend store = Create(kind);
        Assert.True(store.Refs.TryUpdate("refs/heads/main", null, s_a));
        Assert.False(store.Refs.TryUpdate("refs/heads/main", null, s_b));
        Assert.False(store.Refs.TryUpdate("refs/heads/main", s_b, s_b));
        Assert.True(store.Refs.TryUpdate("refs/heads/main", s_a, s_b));
        Assert.True(store.Refs.TryUpdate("refs/tags/v1", null, s_a));
        Assert.True(store.Refs.TryUpdate("refs/heads/dev", null, s_a));
        store.Refs.SetSymbolic("HEAD", "refs/heads/main");
        Assert.Equal(s_b, store.Refs.Resolve("HEAD"));
        Assert.Equal(GitRefValue.Symbolic("refs/heads/main"), store.Refs.Read("HEAD"));
        Assert.Equal(["refs/heads/dev", "refs/heads/main", "refs/tags/v1"], store.Refs.List().Select(r => r.Name));
        Assert.Equal(["refs/heads/dev", "refs/heads/main"], store.Refs.List("refs/heads/").Select(r => r.Name));
        Assert.False(store.Refs.TryDelete("refs/heads/dev", s_b));
        Assert.True(store.Refs.TryDelete("refs/heads/dev", s_a));
        Assert.Null(store.Refs.Read("refs/heads/dev"));
        Assert.Null(store.Refs.Resolve("refs/heads/nothing"));
        store.Refs.SetSymbolic("refs/heads/unborn-link", "refs/heads/unborn");
        Assert.Null(store.Refs.Resolve("refs/heads/unborn-link"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Bad_names_and_conflicting_names_are_refused(string kind)
    {
        using IStoreBackend store = Create(kind);
        Assert.True(store.Refs.TryUpdate("refs/heads/main", null, s_a));
        Assert.Throws<GitRefException>(() => store.Refs.TryUpdate("refs/../escape", null, s_a));
        // Inside or above an existing ref: the .git directory reports the file system's refusal (IOException, as RefStore documents).
        foreach (string conflicting in new[] { "refs/heads/main/sub", "refs/heads" })
        {
            Exception? error = Record.Exception(() => store.Refs.TryUpdate(conflicting, null, s_a));
            Assert.True(error is GitRefException { Error: GitRefError.NameConflict } || (kind == "git" && error is IOException), $"{conflicting}: {error}");
        }
        Assert.Equal(s_a, store.Refs.Resolve("refs/heads/main"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Symbolic_loops_are_reported(string kind)
    {
        using IStoreBackend store = Create(kind);
        store.Refs.SetSymbolic("refs/heads/x", "refs/heads/y");
        store.Refs.SetSymbolic("refs/heads/y", "refs/heads/x");
        Assert.Equal(GitRefError.SymbolicRefTooDeep, Assert.Throws<GitRefException>(() => store.Refs.Resolve("refs/heads/x")).Error);
    }
}
