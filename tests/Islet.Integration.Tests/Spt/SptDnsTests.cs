using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Spt;

/// <summary>The dns unikernel as a sealed image under spt, with dig and nsupdate as clients through user networking.</summary>
[Collection("spt")]
public sealed class SptDnsTests(SptFixture fixture)
{
    [ToolFact("nsupdate", "bind9-dnsutils")]
    public async Task The_dns_image_answers_over_udp_and_tcp_accepts_a_signed_update_and_keeps_it_across_a_restart()
    {
        string disk = fixture.Scratch($"zones-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[256 * 1024]);
        var (exitCode, output) = await SealedDnsRun.Run(fixture, "spt", disk, SealedDnsRun.AnswerAndUpdate);
        Assert.True(exitCode == 0, output);
        Assert.Contains("dns: serving example.com. serial 2026112201", output);
        var (again, secondOutput) = await SealedDnsRun.Run(fixture, "spt", disk, SealedDnsRun.StillUpdated);
        Assert.True(again == 0, secondOutput);
        Assert.Contains("serial 2026112202", secondOutput);
        Assert.Contains("as last updated", secondOutput);
    }
}
