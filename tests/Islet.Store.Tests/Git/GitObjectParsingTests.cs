using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Git;

/// <summary>Parsing, emitting and refusing commits, trees, tags and signatures.</summary>
public sealed class GitObjectParsingTests
{
    private static readonly GitObjectId s_id = GitObjectId.Parse(GitSamples.ParentId);

    [Fact]
    public void Samples_round_trip_byte_for_byte()
    {
        foreach ((GitObjectType type, byte[] content) in GitSamples.All)
            Assert.Equal(content, GitObject.Parse(type, content).ToBytes());
    }

    [Fact]
    public void Commit_fields_are_read_in_order_with_multi_line_headers()
    {
        GitCommit commit = GitCommit.Parse(GitSamples.Commit);
        Assert.Equal(GitSamples.TreeId, commit.Tree.ToString());
        Assert.Equal([GitSamples.ParentId, GitSamples.TreeId], commit.Parents.Select(p => p.ToString()));
        Assert.Equal("C O Mitter", commit.Committer.NameText);
        Assert.Equal(1700000100, commit.Committer.Seconds);
        Assert.Equal("-0800", commit.Committer.TimeZone);
        Assert.Equal(["encoding", "gpgsig"], commit.ExtraHeaders.Select(h => h.Key));
        Assert.Equal("-----BEGIN PGP SIGNATURE-----\n\niQEzBAAB\n-----END PGP SIGNATURE-----", commit.ExtraHeaders[1].ValueText);
        Assert.Equal("Subject line\n\nBody over\ntwo lines.\n", Encoding.UTF8.GetString(commit.Message.Span));
    }

    [Fact]
    public void Tree_entries_are_put_in_git_order_with_directories_sorting_as_if_ending_in_slash()
    {
        GitTree tree = GitTree.Parse(GitSamples.Tree);
        Assert.Equal(["a.txt", "a", "a0", "link", "module"], tree.Entries.Select(e => e.NameText));
        Assert.Equal([GitObjectType.Blob, GitObjectType.Tree, GitObjectType.Blob, GitObjectType.Blob, GitObjectType.Commit],
            tree.Entries.Select(e => e.ObjectType));
        var files = new GitTree([new GitTreeEntry("100644", "a.txt", s_id), new GitTreeEntry("100644", "a", s_id)]);
        Assert.Equal(["a", "a.txt"], files.Entries.Select(e => e.NameText));
        Assert.Throws<ArgumentException>(() => new GitTree([new GitTreeEntry("100644", "a", s_id), new GitTreeEntry("40000", "a", s_id)]));
    }

    [Fact]
    public void Signatures_keep_name_bytes_and_time_zone_text()
    {
        byte[] value = [(byte)'J', 0xf6, .. "rg <j@example.org> 0 -0000"u8];
        GitSignature signature = GitSignature.Parse(value);
        Assert.Equal(value, signature.ToBytes());
        Assert.Equal("-0000", signature.TimeZone);
        Assert.Equal(0, signature.Seconds);
        Assert.Equal("<> 5 +0100", Encoding.ASCII.GetString(GitSignature.Parse(" <> 5 +0100"u8).ToBytes()).TrimStart());
    }

    [Fact]
    public void Commit_and_tag_without_message_round_trip()
    {
        byte[] commit = Encoding.ASCII.GetBytes($"tree {GitSamples.TreeId}\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\n\n");
        Assert.Equal(commit, GitCommit.Parse(commit).ToBytes());
        byte[] tag = Encoding.ASCII.GetBytes($"object {GitSamples.TreeId}\ntype tree\ntag t\n\n");
        GitTag parsed = GitTag.Parse(tag);
        Assert.Null(parsed.Tagger);
        Assert.Equal(tag, parsed.ToBytes());
        Assert.True(parsed.HasMessage);
    }

    [Fact]
    public void Objects_of_headers_alone_round_trip_without_a_blank_line()
    {
        // Git's fsck accepts these (the last header must still end in '\n'); git never writes them.
        byte[] commit = Encoding.ASCII.GetBytes($"tree {GitSamples.TreeId}\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\nencoding UTF-8\n");
        GitCommit parsedCommit = GitCommit.Parse(commit);
        Assert.False(parsedCommit.HasMessage);
        Assert.Equal(commit, parsedCommit.ToBytes());
        byte[] tag = Encoding.ASCII.GetBytes($"object {GitSamples.TreeId}\ntype tree\ntag t\n");
        GitTag parsedTag = GitTag.Parse(tag);
        Assert.False(parsedTag.HasMessage);
        Assert.Equal(tag, parsedTag.ToBytes());
        Assert.Throws<GitFormatException>(() => GitTag.Parse(tag[..^1]));
    }

    [Theory]
    [InlineData("100645")]
    [InlineData("040000")]
    [InlineData("10064")]
    [InlineData("1006444")]
    [InlineData("10a644")]
    [InlineData("")]
    public void Tree_entries_with_modes_git_does_not_write_are_refused(string mode)
    {
        byte[] entry = [.. Encoding.ASCII.GetBytes(mode + " name\0"), .. s_id.Bytes];
        Assert.Throws<GitFormatException>(() => GitTree.Parse(entry));
    }

    public static TheoryData<byte[]> BadTrees()
    {
        byte[] id = s_id.Bytes.ToArray();
        return new TheoryData<byte[]>
        {
            Bytes("100644 name"u8),                                       // no NUL
            Bytes("100644name\0"u8, id),                                  // no space
            Bytes("100644 name\0"u8, id[..19]),                           // truncated id
            Bytes("100644 \0"u8, id),                                     // empty name
            Bytes("100644 a/b\0"u8, id),                                  // slash
            Bytes("100644 ..\0"u8, id),                                   // dot-dot
            Bytes("100644 b\0"u8, id, "100644 a\0"u8, id),                // out of order
            Bytes("100644 a\0"u8, id, "100644 a\0"u8, id),                // twice
            Bytes("100644 a\0"u8, id, "40000 a\0"u8, id),                 // a file and a directory of one name
        };
    }

    private static byte[] Bytes(ReadOnlySpan<byte> a) => a.ToArray();

    private static byte[] Bytes(ReadOnlySpan<byte> a, byte[] b) => [.. a, .. b];

    private static byte[] Bytes(ReadOnlySpan<byte> a, byte[] b, ReadOnlySpan<byte> c, byte[] d) => [.. a, .. b, .. c, .. d];

    [Theory]
    [MemberData(nameof(BadTrees))]
    public void Malformed_trees_are_refused(byte[] content) => Assert.Throws<GitFormatException>(() => GitTree.Parse(content));

    [Theory]
    [InlineData("author A <a> 1 +0000\ncommitter A <a> 1 +0000\n\nno tree\n")]
    [InlineData("tree 4B825DC642CB6EB9A060E54BF8D69288FBEE4904\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\n\nupper-case id\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee490\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\n\nshort id\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ncommitter A <a> 1 +0000\n\nno author\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a> 1 +0000\n\nno committer\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\nnospace\n\nm\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n continued\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000\n\nm\n")]
    [InlineData("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a> 1 +0000\ncommitter A <a> 1 +0000")]
    [InlineData("")]
    public void Malformed_commits_are_refused(string content) =>
        Assert.Throws<GitFormatException>(() => GitCommit.Parse(Encoding.ASCII.GetBytes(content)));

    [Theory]
    [InlineData("A a> 1 +0000")]
    [InlineData("A <a 1 +0000")]
    [InlineData("A<a> 1 +0000")]
    [InlineData("A <a>1 +0000")]
    [InlineData("A <a> 1")]
    [InlineData("A <a> 1 +000")]
    [InlineData("A <a> 1 0530")]
    [InlineData("A <a> 1 +05300")]
    [InlineData("A <a> 01 +0000")]
    [InlineData("A <a> 1x +0000")]
    [InlineData("A <a> -1 +0000")]
    [InlineData("A <a> 99999999999999999999 +0000")]
    [InlineData("A > <a> 1 +0000")]
    [InlineData("A <a<b> 1 +0000")]
    public void Bad_signatures_are_refused(string value)
    {
        Assert.Throws<GitFormatException>(() => GitSignature.Parse(Encoding.ASCII.GetBytes(value)));
        byte[] commit = Encoding.ASCII.GetBytes($"tree {GitSamples.TreeId}\nauthor {value}\ncommitter A <a> 1 +0000\n\nm\n");
        Assert.Throws<GitFormatException>(() => GitCommit.Parse(commit));
    }

    [Theory]
    [InlineData("type commit\ntag v1\n\nno object\n")]
    [InlineData("object ce013625030ba8dba906f756967f9e9ca394464a\ntype commitx\ntag v1\n\nbad type\n")]
    [InlineData("object ce013625030ba8dba906f756967f9e9ca394464a\ntype commit\n\nno tag line\n")]
    [InlineData("object ce013625030ba8dba906f756967f9e9ca394464a\ntype commit\ntag \n\nempty name\n")]
    [InlineData("object ce013625030ba8dba906f756967f9e9ca394464a\ntype commit\ntag v1\ntagger nobody\n\nbad tagger\n")]
    public void Malformed_tags_are_refused(string content) =>
        Assert.Throws<GitFormatException>(() => GitTag.Parse(Encoding.ASCII.GetBytes(content)));

    [Fact]
    public void Constructors_refuse_what_cannot_be_written()
    {
        Assert.Throws<ArgumentException>(() => new GitTreeEntry("040000", "a", s_id));
        Assert.Throws<ArgumentException>(() => new GitTreeEntry("100644", "a/b", s_id));
        Assert.Throws<ArgumentException>(() => new GitSignature("A <", "a", 1, "+0000"));
        Assert.Throws<ArgumentException>(() => new GitSignature("A", "a", 1, "UTC"));
        Assert.Throws<ArgumentException>(() => new GitExtraHeader("two words", "x"u8));
        Assert.Throws<ArgumentException>(() => new GitTag(s_id, GitObjectType.Commit, "a\nb", null, ""));
        Assert.Throws<ArgumentException>(() => new GitTag(default, GitObjectType.Commit, "v1", null, ""));
        var a = new GitSignature("A", "a", 1, "+0000");
        Assert.Throws<ArgumentException>(() => new GitCommit(default, [], a, a, ""));
        Assert.Throws<ArgumentException>(() => new GitCommit(s_id, [GitObjectId.FromBytes(new byte[32])], a, a, ""));
    }
}
