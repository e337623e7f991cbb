using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Sync;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>A scripted remote that lies or breaks: each case is a clear exception and an unchanged local store.</summary>
public sealed class HostileRemoteTests : IDisposable
{
    private const string Capabilities = "multi_ack_detailed side-band-64k ofs-delta symref=HEAD:refs/heads/main agent=fake";
    private readonly string _directory = ExternalTool.TempDirectory("islet-hostile-");
    private readonly GitDirectoryBackend _local;
    private readonly GitObjectId _commit;
    private readonly byte[] _commitBytes;
    private readonly byte[] _treeBytes;

    public HostileRemoteTests()
    {
        GitCommandLine.Script(_directory, "git init -q --bare local.git");
        _local = new GitDirectoryBackend(Path.Combine(_directory, "local.git"));
        var blob = GitObjectId.Compute(GitObjectType.Blob, "hello\n"u8);
        _treeBytes = new GitTree([new GitTreeEntry(GitTreeEntry.RegularFile, "a.txt", blob)]).ToBytes();
        var tree = GitObjectId.Compute(GitObjectType.Tree, _treeBytes);
        var who = new GitSignature("A", "a@example.org", 1700000000, "+0000");
        _commitBytes = new GitCommit(tree, [], who, who, "one\n").ToBytes();
        _commit = GitObjectId.Compute(GitObjectType.Commit, _commitBytes);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private byte[] Advertisement() =>
        [.. FakeGitDaemon.Pkt($"{_commit} HEAD\0{Capabilities}\n"), .. FakeGitDaemon.Pkt($"{_commit} refs/heads/main\n"), .. FakeGitDaemon.Flush];

    private GitProtocolException FetchFails(byte[] advertisement, byte[] response, GitProtocolError expected)
    {
        var before = _local.Snapshot();
        using var fake = new FakeGitDaemon(advertisement, response);
        var error = ClientLoop.Run(async c => await Assert.ThrowsAsync<GitProtocolException>(() => c.FetchAsync(GitRemoteUrl.Parse(fake.Url), _local).AsTask()));
        Assert.Equal(expected, error.Error);
        Assert.Equal(before, _local.Snapshot());
        return error;
    }

    [Fact]
    public void A_malformed_pkt_line_length_in_the_advertisement_is_a_protocol_error()
    {
        FetchFails([.. "00zz"u8.ToArray(), .. Advertisement()], [], GitProtocolError.MalformedPktLine);
    }

    [Fact]
    public void An_advertisement_without_capabilities_or_with_a_bad_id_is_rejected()
    {
        FetchFails([.. FakeGitDaemon.Pkt($"{_commit} refs/heads/main\n"), .. FakeGitDaemon.Flush], [], GitProtocolError.UnexpectedLine);
        FetchFails([.. FakeGitDaemon.Pkt($"{new string('x', 40)} refs/heads/main\0{Capabilities}\n"), .. FakeGitDaemon.Flush], [], GitProtocolError.UnexpectedLine);
        FetchFails([.. FakeGitDaemon.Pkt($"{_commit} refs/heads/../evil\0{Capabilities}\n"), .. FakeGitDaemon.Flush], [], GitProtocolError.UnexpectedLine);
    }

    [Fact]
    public void An_ERR_line_is_a_remote_error_with_the_remotes_message()
    {
        var error = FetchFails(FakeGitDaemon.Pkt("ERR access denied or repository not exported\n"), [], GitProtocolError.RemoteError);
        Assert.Contains("access denied", error.Message);
    }

    [Fact]
    public void A_connection_closed_mid_advertisement_is_an_unexpected_end()
    {
        FetchFails(Advertisement()[..30], [], GitProtocolError.UnexpectedEnd);
    }

    [Fact]
    public void A_side_band_error_during_the_pack_is_a_remote_error()
    {
        byte[] response = [.. FakeGitDaemon.Pkt("NAK\n"), .. FakeGitDaemon.Band(2, "Counting objects\n"u8.ToArray()),
            .. FakeGitDaemon.Band(3, "upload-pack: out of memory\n"u8.ToArray())];
        var error = FetchFails(Advertisement(), response, GitProtocolError.RemoteError);
        Assert.Contains("out of memory", error.Message);
    }

    [Fact]
    public void A_malformed_acknowledgement_or_an_unknown_band_is_rejected()
    {
        FetchFails(Advertisement(), FakeGitDaemon.Pkt("ACK nonsense\n"), GitProtocolError.UnexpectedLine);
        FetchFails(Advertisement(), [.. FakeGitDaemon.Pkt("NAK\n"), .. FakeGitDaemon.Band(7, [1, 2, 3])], GitProtocolError.UnexpectedLine);
    }

    [Fact]
    public void A_pack_missing_an_object_leaves_the_local_refs_unchanged()
    {
        var writer = new PackWriter();
        writer.Add(GitObjectType.Commit, _commitBytes);
        writer.Add(GitObjectType.Tree, _treeBytes); // the blob the tree names is left out
        byte[] pack = writer.Encode().Pack;
        string refsBefore = _local.Snapshot().Refs;
        using var fake = new FakeGitDaemon(Advertisement(), [.. FakeGitDaemon.Pkt("NAK\n"), .. FakeGitDaemon.Band(1, pack), .. FakeGitDaemon.Flush]);
        var error = ClientLoop.Run(async c => await Assert.ThrowsAsync<GitProtocolException>(() => c.FetchAsync(GitRemoteUrl.Parse(fake.Url), _local).AsTask()));
        Assert.Equal(GitProtocolError.BadPack, error.Error);
        Assert.Contains("missing", error.Message);
        Assert.Equal(refsBefore, _local.Snapshot().Refs);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("corrupt")]
    public void A_truncated_or_corrupt_pack_is_an_error_and_leaves_the_store_unchanged(string damage)
    {
        var writer = new PackWriter();
        writer.Add(GitObjectType.Commit, _commitBytes);
        writer.Add(GitObjectType.Tree, _treeBytes);
        writer.Add(GitObjectType.Blob, "hello\n"u8.ToArray());
        byte[] pack = writer.Encode().Pack;
        if (damage == "truncated")
            pack = pack[..(pack.Length / 2)];
        else
            pack[pack.Length / 2] ^= 0x55;
        var before = _local.Snapshot();
        using var fake = new FakeGitDaemon(Advertisement(), [.. FakeGitDaemon.Pkt("NAK\n"), .. FakeGitDaemon.Band(1, pack), .. FakeGitDaemon.Flush]);
        Exception error = ClientLoop.Run(async c => await Record.ExceptionAsync(() => c.FetchAsync(GitRemoteUrl.Parse(fake.Url), _local).AsTask()));
        Assert.True(error is GitProtocolException or GitPackException, $"unexpected {error}");
        Assert.Equal(before, _local.Snapshot());
        Assert.Null(_local.Refs.Resolve("refs/remotes/origin/main"));
    }
}
