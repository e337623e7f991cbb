using Islet.Store.Git;
using Islet.Store.Sync.Internal;
using Xunit;

namespace Islet.Store.Tests.Sync;

/// <summary>The connectivity walk's id set: exact membership through growth, ids of another length, ids alike in their hashed bytes.</summary>
public sealed class ObjectIdSetTests
{
    private static GitObjectId Id(int n, GitHashAlgorithm algorithm = GitHashAlgorithm.Sha1) =>
        GitObjectId.Compute(GitObjectType.Blob, BitConverter.GetBytes(n), algorithm);

    [Theory]
    [InlineData(GitHashAlgorithm.Sha1)]
    [InlineData(GitHashAlgorithm.Sha256)]
    public void Adds_each_id_once_and_finds_exactly_those_added_past_the_expected_size(GitHashAlgorithm algorithm)
    {
        var set = new ObjectIdSet(algorithm, expected: 100);
        for (int i = 0; i < 5000; i++)
            Assert.True(set.Add(Id(i, algorithm)));
        for (int i = 0; i < 5000; i++)
        {
            Assert.False(set.Add(Id(i, algorithm)));
            Assert.True(set.Contains(Id(i, algorithm)));
            Assert.False(set.Contains(Id(i + 5000, algorithm)));
        }
    }

    [Fact]
    public void Keeps_ids_of_another_length_apart()
    {
        var set = new ObjectIdSet(GitHashAlgorithm.Sha1, expected: 0);
        GitObjectId other = Id(1, GitHashAlgorithm.Sha256);
        Assert.False(set.Contains(other));
        Assert.True(set.Add(other));
        Assert.False(set.Add(other));
        Assert.True(set.Contains(other));
        Assert.False(set.Contains(Id(1)));
    }

    [Fact]
    public void Ids_sharing_their_first_sixteen_bytes_are_distinct()
    {
        byte[] a = new byte[20], b = new byte[20];
        b[19] = 1;
        var set = new ObjectIdSet(GitHashAlgorithm.Sha1, expected: 4);
        Assert.True(set.Add(GitObjectId.FromBytes(a)));
        Assert.True(set.Add(GitObjectId.FromBytes(b)));
        Assert.True(set.Contains(GitObjectId.FromBytes(b)));
        Assert.False(set.Add(GitObjectId.FromBytes(a)));
    }
}
