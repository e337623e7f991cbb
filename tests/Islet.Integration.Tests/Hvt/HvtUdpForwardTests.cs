using Islet.Integration.Tests.Spt;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Hvt;

/// <summary>UDP forwarding of the monitor's user networking (<c>-p PORT:7/udp</c>) to the same sealed image in a KVM virtual machine.</summary>
[Collection("spt")]
public sealed class HvtUdpForwardTests(SptFixture fixture)
{
    [KvmFact]
    public async Task Udp_echo_under_hvt_answers_two_host_clients_each_their_own()
    {
        string disk = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 512]);
        var (exitCode, output) = await SealedUdpEchoRun.EchoAndCheck(fixture, "hvt", disk);
        Assert.True(exitCode == 0, output);
        Assert.Contains("usernet.udp_flows_total 2\n", output);
        Assert.Matches(@"udp-echo: echoed (1[1-9]|[2-9]\d) datagrams", output);
    }
}
