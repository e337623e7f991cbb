using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Spt;

/// <summary>The gitstore unikernel as a sealed image under spt: curl and real git through user networking, its data on a block device only.</summary>
[Collection("spt")]
public sealed class SptGitStoreTests(SptFixture fixture)
{
    [ToolFact("git", "git")]
    public async Task The_gitstore_image_serves_curl_and_git_clone_and_push_and_keeps_everything_on_its_block_device_across_a_restart()
    {
        string disk = fixture.Scratch($"data-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 1024 * 1024]);
        var (exitCode, output) = await SealedGitStoreRun.Run(fixture, "spt", disk, SealedGitStoreRun.WriteThroughBothDoors);
        Assert.True(exitCode == 0, output);
        Assert.Contains("gitstore: the block device 'data' is blank: formatting it as a store", output);
        Assert.Contains("gitstore: stopped; the store is flushed", output);
        var (again, secondOutput) = await SealedGitStoreRun.Run(fixture, "spt", disk, SealedGitStoreRun.StillThere);
        Assert.True(again == 0, secondOutput);
        Assert.DoesNotContain("formatting", secondOutput);
        Assert.Contains("gitstore: store on the block device 'data'", secondOutput);
    }
}
