using System.IO.Compression;
using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Tests.Packs;

/// <summary>Pack reuse: an object a pack holds whole is handed out as its stored zlib stream, checked against the index's CRC32; deltas and damaged entries are not.</summary>
public sealed class PackReuseTests
{
    [Fact]
    public void Whole_entries_come_back_as_their_zlib_streams_and_deltas_and_damaged_entries_do_not()
    {
        var writer = new PackWriter();
        var text = new StringBuilder(string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i}\n")));
        var contents = new Dictionary<GitObjectId, byte[]>();
        for (int v = 0; v < 12; v++)
        {
            text.Append($"version {v}\n");
            byte[] content = Encoding.ASCII.GetBytes(text.ToString());
            writer.Add(GitObjectType.Blob, content, "file.txt");
            contents[GitObjectId.Compute(GitObjectType.Blob, content)] = content;
        }
        string directory = ExternalTool.TempDirectory("islet-pack-reuse-");
        WrittenPack written = writer.WriteTo(directory);
        Assert.True(written.DeltaCount > 0);

        var whole = new List<GitObjectId>();
        using (PackFile pack = PackFile.Open(written.PackPath))
        {
            foreach ((GitObjectId id, byte[] content) in contents)
            {
                bool isDelta = pack.KindOf(id) is PackEntryKind.OffsetDelta or PackEntryKind.ReferenceDelta;
                bool reused = pack.TryReadWholeEntry(id, out GitObjectType type, out long size, out byte[] deflated);
                Assert.Equal(!isDelta, reused);
                if (!reused)
                    continue;
                whole.Add(id);
                Assert.Equal(GitObjectType.Blob, type);
                Assert.Equal(content.Length, size);
                Assert.Equal(content, Inflate(deflated));
            }
            Assert.False(pack.TryReadWholeEntry(GitObjectId.Compute(GitObjectType.Blob, "not in the pack"u8), out _, out _, out _));
        }
        Assert.NotEmpty(whole);

        // One byte of a whole entry's zlib stream damaged: that entry fails its CRC and is not handed out.
        GitObjectId damaged = whole[0];
        long offset;
        using (PackFile pack = PackFile.Open(written.PackPath))
        {
            PackIndex index = pack.Index;
            Assert.True(index.TryFind(damaged, out int position));
            offset = index.OffsetAt(position);
        }
        byte[] bytes = File.ReadAllBytes(written.PackPath);
        bytes[offset + 8] ^= 0x40;
        string copy = Path.Combine(ExternalTool.TempDirectory("islet-pack-reuse-"), Path.GetFileName(written.PackPath));
        File.WriteAllBytes(copy, bytes);
        File.Copy(written.IndexPath, Path.ChangeExtension(copy, ".idx"));
        using (PackFile pack = PackFile.Open(copy))
        {
            Assert.False(pack.TryReadWholeEntry(damaged, out _, out _, out _));
            foreach (GitObjectId id in whole.Skip(1))
                Assert.True(pack.TryReadWholeEntry(id, out _, out _, out _));
        }
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var zlib = new ZLibStream(new MemoryStream(deflated), CompressionMode.Decompress);
        var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
