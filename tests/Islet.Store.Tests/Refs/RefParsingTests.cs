using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Tests.Refs;

public sealed class RefParsingTests
{
    private const string A = "0123456789abcdef0123456789abcdef01234567";
    private const string B = "89abcdef0123456789abcdef0123456789abcdef";

    private static GitRefValue Loose(string text) => GitRefValue.ParseLoose(Encoding.Latin1.GetBytes(text), GitHashAlgorithm.Sha1, "refs/heads/x");

    [Fact]
    public void Loose_direct_and_symbolic_refs_parse()
    {
        Assert.Equal(GitObjectId.Parse(A), Loose(A + "\n").Id);
        Assert.Equal(GitObjectId.Parse(A), Loose(A).Id);
        Assert.Equal(GitObjectId.Parse(A), Loose(A + " trailing words git ignores\n").Id);
        Assert.Equal("refs/heads/main", Loose("ref: refs/heads/main\n").SymbolicTarget);
        Assert.Equal("refs/heads/main", Loose("ref:\trefs/heads/main").SymbolicTarget);
        Assert.Equal("ref: refs/heads/main\n", Loose("ref: refs/heads/main\n").ToLooseText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("0123456789abcdef0123456789abcdef0123456\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567x\n")]
    [InlineData("g123456789abcdef0123456789abcdef01234567\n")]
    [InlineData("ref: \n")]
    [InlineData("ref: refs/heads/a..b\n")]
    [InlineData("ref: refs/heads/a\nb\n")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n")]
    public void Malformed_loose_refs_are_refused(string text)
    {
        GitRefException e = Assert.Throws<GitRefException>(() => Loose(text));
        Assert.Equal(GitRefError.MalformedLooseRef, e.Error);
        Assert.Contains("refs/heads/x", e.Message);
    }

    [Fact]
    public void Sha256_loose_ref_parses()
    {
        string hex = string.Concat(Enumerable.Repeat("ab", 32));
        GitRefValue value = GitRefValue.ParseLoose(Encoding.ASCII.GetBytes(hex + "\n"), GitHashAlgorithm.Sha256, "HEAD");
        Assert.Equal(hex, value.Id.ToString());
    }

    [Fact]
    public void Packed_refs_with_header_and_peeled_lines_parse_and_write_back()
    {
        string text = $"# pack-refs with: peeled fully-peeled sorted \n{A} refs/heads/main\n{A} refs/tags/v1\n^{B}\n";
        PackedRefs packed = PackedRefs.Parse(Encoding.ASCII.GetBytes(text), GitHashAlgorithm.Sha1);
        Assert.Equal(["refs/heads/main", "refs/tags/v1"], packed.Refs.Select(r => r.Name));
        Assert.Null(packed.Find("refs/heads/main")!.Peeled);
        Assert.Equal(GitObjectId.Parse(B), packed.Find("refs/tags/v1")!.Peeled);
        Assert.Equal(text, packed.ToText());
        Assert.Equal($"# pack-refs with: peeled fully-peeled sorted \n{A} refs/heads/main\n", packed.Without("refs/tags/v1").ToText());
        Assert.Empty(PackedRefs.Parse([], GitHashAlgorithm.Sha1).Refs);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef01234567 refs/heads/main")]
    [InlineData("^89abcdef0123456789abcdef0123456789abcdef\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567 refs/heads/main\n^89abcdef0123456789abcdef0123456789abcdef\n^89abcdef0123456789abcdef0123456789abcdef\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567 refs/heads/main\n0123456789abcdef0123456789abcdef01234567 refs/heads/main\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567 refs/heads/main\n# late comment\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567  refs/heads/main\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567 refs/heads/a..b\n")]
    [InlineData("0123456789abcdef0123456789abcdef0123456z refs/heads/main\n")]
    [InlineData("0123456789abcdef0123456789abcdef01234567\n")]
    [InlineData("\n")]
    public void Malformed_packed_refs_are_refused(string text)
    {
        GitRefException e = Assert.Throws<GitRefException>(() => PackedRefs.Parse(Encoding.Latin1.GetBytes(text), GitHashAlgorithm.Sha1));
        Assert.Equal(GitRefError.MalformedPackedRefs, e.Error);
        Assert.StartsWith("packed-refs line ", e.Message);
    }
}
