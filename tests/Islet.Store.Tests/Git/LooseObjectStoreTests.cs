using System.IO.Compression;
using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Git;

/// <summary>Loose object files: writing, reading, and refusing corrupt files.</summary>
public sealed class LooseObjectStoreTests : IDisposable
{
    private readonly string _gitDirectory = ExternalTool.TempDirectory("islet-loose-");

    public void Dispose() => Directory.Delete(_gitDirectory, recursive: true);

    [Fact]
    public void Written_objects_read_back_with_their_type_and_content()
    {
        var store = new LooseObjectStore(_gitDirectory);
        GitObjectId id = store.Write(GitObjectType.Blob, "hello\n"u8);
        Assert.Equal("ce013625030ba8dba906f756967f9e9ca394464a", id.ToString());
        Assert.Equal(Path.Combine(_gitDirectory, "objects", "ce", "013625030ba8dba906f756967f9e9ca394464a"), store.PathOf(id));
        Assert.True(store.Contains(id));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(store.PathOf(id)));
        Assert.True(store.TryRead(id, out GitObjectType type, out byte[] content));
        Assert.Equal(GitObjectType.Blob, type);
        Assert.Equal("hello\n"u8.ToArray(), content);
        Assert.Equal(GitSamples.Commit, Assert.IsType<GitCommit>(store.TryReadObject(store.Write(GitCommit.Parse(GitSamples.Commit)))).ToBytes());
        Assert.Empty(Directory.GetFiles(Path.Combine(_gitDirectory, "objects"), "tmp_*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Missing_objects_are_not_found()
    {
        var store = new LooseObjectStore(_gitDirectory);
        GitObjectId id = GitObjectId.Parse(GitSamples.TreeId);
        Assert.False(store.Contains(id));
        Assert.False(store.TryRead(id, out _, out _));
        Assert.Null(store.TryReadObject(id));
    }

    [Fact]
    public void Writing_an_existing_object_leaves_its_file_alone()
    {
        var store = new LooseObjectStore(_gitDirectory);
        GitObjectId id = store.Write(GitObjectType.Blob, "same\n"u8);
        string path = store.PathOf(id);
        byte[] other = Compress("blob 5\0same\n"u8, CompressionLevel.NoCompression);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllBytes(path, other);
        Assert.Equal(id, store.Write(GitObjectType.Blob, "same\n"u8));
        Assert.Equal(other, File.ReadAllBytes(path));
    }

    public static TheoryData<string, byte[]> CorruptFiles()
    {
        byte[] good = Compress("blob 6\0hello\n"u8);
        return new TheoryData<string, byte[]>
        {
            { "empty file", [] },
            { "not zlib", "blob 6\0hello\n"u8.ToArray() },
            { "truncated", good[..(good.Length / 2)] },
            { "truncated checksum", good[..^2] },
            { "corrupted byte", Flip(good, good.Length / 2) },
            { "wrong type", Compress("blub 6\0hello\n"u8) },
            { "tree type for a blob", Compress("tree 6\0hello\n"u8) },
            { "size too small", Compress("blob 5\0hello\n"u8) },
            { "size too large", Compress("blob 7\0hello\n"u8) },
            { "size with leading zero", Compress("blob 06\0hello\n"u8) },
            { "size not a number", Compress("blob six\0hello\n"u8) },
            { "size that would not fit", Compress("blob 4000000000\0hello\n"u8) },
            { "no NUL", Compress("blob 6 hello\n"u8) },
            { "no space", Compress("blob6\0hello\n"u8) },
            { "content that hashes to another id", Compress("blob 6\0HELLO\n"u8) },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Corrupt_files_give_a_format_error(string what, byte[] file)
    {
        var store = new LooseObjectStore(_gitDirectory);
        GitObjectId id = GitObjectId.Parse("ce013625030ba8dba906f756967f9e9ca394464a");
        Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(id))!);
        File.WriteAllBytes(store.PathOf(id), file);
        var error = Assert.Throws<GitFormatException>(() => store.TryRead(id, out _, out _));
        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    [Fact]
    public void Content_under_the_wrong_name_says_it_is_corrupt()
    {
        var store = new LooseObjectStore(_gitDirectory);
        GitObjectId id = GitObjectId.Parse("ce013625030ba8dba906f756967f9e9ca394464a");
        Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(id))!);
        File.WriteAllBytes(store.PathOf(id), Compress("blob 4\0bye\n"u8));
        var error = Assert.Throws<GitFormatException>(() => store.TryRead(id, out _, out _));
        Assert.Contains("corrupt", error.Message);
        Assert.Contains(id.ToString(), error.Message);
    }

    private static byte[] Compress(ReadOnlySpan<byte> raw, CompressionLevel level = CompressionLevel.Optimal)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
            zlib.Write(raw);
        return output.ToArray();
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= 0x55;
        return copy;
    }
}
