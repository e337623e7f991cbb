using Islet.Tests.Shared;
using Islet.Integration.Tests.Spt;

namespace Islet.Integration.Tests.Hvt;

/// <summary>The same dns image file in a KVM virtual machine under the hvt monitor, with dig and nsupdate as clients.</summary>
[Collection("spt")]
public sealed class HvtDnsTests(SptFixture fixture)
{
    [KvmFact]
    public async Task The_dns_image_under_hvt_answers_accepts_a_signed_update_and_keeps_it_across_a_restart()
    {
        string disk = fixture.Scratch($"zones-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[256 * 1024]);
        var (exitCode, output) = await SealedDnsRun.Run(fixture, "hvt", disk, SealedDnsRun.AnswerAndUpdate);
        Assert.True(exitCode == 0, output);
        var (again, secondOutput) = await SealedDnsRun.Run(fixture, "hvt", disk, SealedDnsRun.StillUpdated);
        Assert.True(again == 0, secondOutput);
        Assert.Contains("as last updated", secondOutput);
    }
}
