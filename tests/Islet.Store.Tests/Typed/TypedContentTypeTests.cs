using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Merge;
using static Islet.Store.Tests.Typed.TypedTestBackends;

namespace Islet.Store.Tests.Typed;

/// <summary>The ready-made content types round-trip through a store and merge branches with their own merge.</summary>
public sealed class TypedContentTypeTests
{
    [Fact]
    public void MapsMergeTheirValuesPerKeyWithTheValueMerge()
    {
        using var backend = new MemoryBackend();
        var store = new Store<MergeableMap<string, Counter>>(backend, ContentTypes.Map(ByteCodecs.String, Counter.Codec, Counter.Merger));
        store.Set("main", "m", MergeableMap<string, Counter>.Empty.SetItem("a", new Counter(1)), Info("base"));
        store.CreateBranch("side", "main");
        store.Update("side", (s, t) => t.Set("m", s.Get("m").SetItem("a", s.Get("m")["a"].Add(2)).SetItem("b", new Counter(7))), Info("side", 1));
        store.Update("main", (s, t) => t.Set("m", s.Get("m").SetItem("a", s.Get("m")["a"].Add(10))), Info("main", 2));
        Assert.True(store.MergeBranch("main", "side", Info("merge", 3)).IsOk);
        MergeableMap<string, Counter> merged = store.Get("main", "m");
        Assert.Equal((new Counter(13), new Counter(7)), (merged["a"], merged["b"]));
    }

    [Fact]
    public void LogsQueuesAndRegistersRoundTripAndMerge()
    {
        using var backend = new MemoryBackend();
        var logs = new Store<MergeableLog<string>>(backend, ContentTypes.Log(ByteCodecs.String));
        logs.Set("main", "log", MergeableLog<string>.Empty.Append(1, "start"), Info("base"));
        logs.CreateBranch("side", "main");
        logs.Update("side", (s, t) => t.Set("log", s.Get("log").Append(3, "side")), Info("side", 1));
        logs.Update("main", (s, t) => t.Set("log", s.Get("log").Append(2, "main")), Info("main", 2));
        Assert.True(logs.MergeBranch("main", "side", Info("merge", 3)).IsOk);
        Assert.Equal(["start", "main", "side"], logs.Get("main", "log").Select(e => e.Value));

        var queues = new Store<MergeableQueue<long>>(backend, ContentTypes.Queue(ByteCodecs.Int64));
        queues.Set("main", "q", MergeableQueue<long>.Of([1, 2, 3]), Info("queue", 4));
        Assert.Equal([1L, 2L, 3L], queues.Get("main", "q"));

        var registers = new Store<LastWriterWins<string>>(backend, ContentTypes.LastWriterWins(ByteCodecs.String));
        registers.Set("main", "r", new LastWriterWins<string>("first", 1, 1), Info("register", 5));
        registers.CreateBranch("r-side", "main");
        registers.Set("r-side", "r", new LastWriterWins<string>("later", 9, 2), Info("later", 6));
        registers.Set("main", "r", new LastWriterWins<string>("earlier", 5, 1), Info("earlier", 7));
        Assert.True(registers.MergeBranch("main", "r-side", Info("merge", 8)).IsOk);
        Assert.Equal("later", registers.Get("main", "r").Value);
    }

    [Fact]
    public void BytesAreStoredAsIs()
    {
        using var backend = new MemoryBackend();
        var store = new Store<byte[]>(backend, ContentTypes.Bytes);
        byte[] value = [0, 1, 2, 255];
        GitObjectId head = store.Set("main", "bin", value, Info("bytes"));
        Assert.Equal(value, store.Get("main", "bin"));
        GitObjectId blob = store.Snapshot(head).List("").Single().Id;
        Assert.True(backend.Objects.TryRead(blob, out GitObjectType type, out byte[] stored));
        Assert.Equal(GitObjectType.Blob, type);
        Assert.Equal(value, stored);
        Assert.Equal(head, store.Set("main", "bin", [0, 1, 2, 255], Info("same bytes", 1)));
    }

    [ToolFact("git", "git")]
    public void ACorruptLooseObjectOnDiskIsAGitFormatException()
    {
        string directory = ExternalTool.TempDirectory("islet-typed-corrupt-");
        using (FileSystemBackend backend = FileSystemBackend.Init(directory))
            new Store<string>(backend, ContentTypes.String).Set("main", "k", "a value that will be damaged", Info("v"));
        string blob = Git.GitCommandLine.Script(directory, "git --git-dir=. rev-parse main:k").Trim();
        string path = Path.Combine(directory, "objects", blob[..2], blob[2..]);
        File.SetAttributes(path, FileAttributes.Normal);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x55;
        File.WriteAllBytes(path, bytes);
        using FileSystemBackend reopened = FileSystemBackend.Open(directory);
        Assert.Throws<GitFormatException>(() => new Store<string>(reopened, ContentTypes.String).Find("main", "k"));
    }
}
