namespace Islet.Store.Tests.Typed;

public sealed class StorePathTests
{
    [Fact]
    public void ParsesSegmentsAndPrintsThemBack()
    {
        StorePath path = StorePath.Parse("a/b/c");
        Assert.Equal(["a", "b", "c"], path.Segments);
        Assert.Equal("a/b/c", path.ToString());
        Assert.Equal("c", path.Name);
        Assert.Equal(StorePath.Parse("a/b"), path.Parent);
        Assert.True(StorePath.Parse("").IsRoot);
        Assert.True(path.StartsWith("a/b"));
        Assert.False(path.StartsWith("a/bb"));
        Assert.Equal(StorePath.Of("a", "b", "c"), path);
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("a\0b")]
    public void RejectsInvalidPathsWithInvalidPath(string text)
    {
        var e = Assert.Throws<StoreException>(() => StorePath.Parse(text));
        Assert.Equal(StoreError.InvalidPath, e.Error);
        Assert.False(StorePath.TryParse(text, out _));
    }

    [Fact]
    public void RejectsSlashInsideASegment()
    {
        Assert.Equal(StoreError.InvalidPath, Assert.Throws<StoreException>(() => StorePath.Of("a", "b/c")).Error);
        Assert.Equal(StoreError.InvalidPath, Assert.Throws<StoreException>(() => StorePath.Root.Append("")).Error);
    }

    [Fact]
    public void OrdersAsGitOrdersItsIndex()
    {
        StorePath[] paths = ["a0", "a/b", "a.txt", "B", "a"];
        Array.Sort(paths);
        Assert.Equal(["B", "a", "a.txt", "a/b", "a0"], paths.Select(p => p.ToString()));
    }
}
