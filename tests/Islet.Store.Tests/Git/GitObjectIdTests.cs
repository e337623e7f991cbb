using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Git;

/// <summary>Object ids against the hashes Git itself gives.</summary>
public sealed class GitObjectIdTests
{
    [Fact]
    public void Ids_are_the_hashes_git_gives()
    {
        // `git hash-object --stdin` of "hello\n", and of the empty blob and the empty tree.
        Assert.Equal("ce013625030ba8dba906f756967f9e9ca394464a", GitObjectId.Compute(GitObjectType.Blob, "hello\n"u8).ToString());
        Assert.Equal("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", GitObjectId.Compute(GitObjectType.Blob, []).ToString());
        Assert.Equal("4b825dc642cb6eb9a060e54bf8d69288fbee4904", GitObjectId.Compute(GitObjectType.Tree, []).ToString());
        // The SHA-256 object format: `git hash-object --object-format=sha256` of the empty blob.
        Assert.Equal("473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813",
            GitObjectId.Compute(GitObjectType.Blob, [], GitHashAlgorithm.Sha256).ToString());
    }

    [Fact]
    public void Parsing_round_trips_and_refuses_what_is_not_an_id()
    {
        GitObjectId id = GitObjectId.Parse("CE013625030BA8DBA906F756967F9E9CA394464A");
        Assert.Equal("ce013625030ba8dba906f756967f9e9ca394464a", id.ToString());
        Assert.Equal(id, GitObjectId.FromBytes(id.Bytes));
        Assert.False(GitObjectId.TryParse("ce01", out _));
        Assert.False(GitObjectId.TryParse(new string('g', 40), out _));
        Assert.Throws<ArgumentException>(() => GitObjectId.FromBytes(new byte[21]));
        Assert.Equal(Encoding.ASCII.GetBytes("blob 6\0"), Header(GitObjectType.Blob, 6));
    }

    private static byte[] Header(GitObjectType type, long size)
    {
        byte[] buffer = new byte[32];
        return buffer[..GitObjectId.WriteHeader(type, size, buffer)];
    }
}
