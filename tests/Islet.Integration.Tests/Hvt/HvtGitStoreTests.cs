using Islet.Tests.Shared;
using Islet.Integration.Tests.Spt;

namespace Islet.Integration.Tests.Hvt;

/// <summary>The same gitstore image file in a KVM virtual machine under the hvt monitor, with curl and real git as clients.</summary>
[Collection("spt")]
public sealed class HvtGitStoreTests(SptFixture fixture)
{
    [KvmFact]
    public async Task The_gitstore_image_under_hvt_serves_curl_and_git_clone_and_push_and_keeps_everything_across_a_restart()
    {
        Assert.True(ToolFactAttribute.Find("git") is not null, "needs git on PATH (apt-get install git)");
        string disk = fixture.Scratch($"data-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 1024 * 1024]);
        var (exitCode, output) = await SealedGitStoreRun.Run(fixture, "hvt", disk, SealedGitStoreRun.WriteThroughBothDoors);
        Assert.True(exitCode == 0, output);
        Assert.Contains("gitstore: stopped; the store is flushed", output);
        var (again, secondOutput) = await SealedGitStoreRun.Run(fixture, "hvt", disk, SealedGitStoreRun.StillThere);
        Assert.True(again == 0, secondOutput);
        Assert.Contains("gitstore: store on the block device 'data'", secondOutput);
    }
}
