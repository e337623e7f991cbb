namespace Islet.Integration.Tests.Spt;

/// <summary>UDP forwarding of the launcher's user networking (<c>-p PORT:7/udp</c>) to a sealed image under spt.</summary>
[Collection("spt")]
public sealed class SptUdpForwardTests(SptFixture fixture)
{
    [Fact]
    public async Task Udp_echo_under_spt_answers_two_host_clients_each_their_own()
    {
        string disk = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 512]);
        var (exitCode, output) = await SealedUdpEchoRun.EchoAndCheck(fixture, "spt", disk);
        Assert.True(exitCode == 0, output);
        Assert.Matches(@"usernet\.udp_forwarded (1[1-9]|[2-9]\d)\n", output); // ten datagrams and at least one hello
        Assert.Contains("usernet.udp_flows_total 2\n", output);
        Assert.Contains("usernet.udp_too_long 0\n", output);
        Assert.Matches(@"udp-echo: echoed (1[1-9]|[2-9]\d) datagrams", output);
    }
}
