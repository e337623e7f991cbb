using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Tests.Typed;

/// <summary>The backends every behavioural test runs against, and commit infos with fixed times.</summary>
internal static class TypedTestBackends
{
    public const string Memory = "memory";
    public const string FileSystem = "filesystem";

    public static IStoreBackend Create(string kind, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) => kind switch
    {
        Memory => new MemoryBackend(algorithm),
        FileSystem => FileSystemBackend.Init(ExternalTool.TempDirectory("islet-typed-"), bare: true, algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A commit info at 1,700,000,000 + <paramref name="tick"/> seconds, in +0530.</summary>
    public static CommitInfo Info(string message, int tick = 0) =>
        new("Ada Tester", "ada@example.org", message, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 + tick).ToOffset(TimeSpan.FromMinutes(330)));

    public static Store<string> Strings(IStoreBackend backend, StoreOptions? options = null) => new(backend, ContentTypes.String, options);
}
