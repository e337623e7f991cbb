using System.Diagnostics;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Spt;

/// <summary>The www image, sealed, served under spt through user-mode networking and through a TAP device.</summary>
[Collection("spt")]
public sealed class SptWwwTests(SptFixture fixture)
{
    [Fact]
    public async Task WwwUnderSptAnswersCurlThroughUserNetworking()
    {
        var (exitCode, output) = await SealedWwwRun.ServeAndCheck(fixture, "spt");
        Assert.True(exitCode == 0, output);
        Assert.Contains("sealed by a", output);
        Assert.Contains("seccomp filter", output);
    }

    [NetworkNamespaceFact]
    public void WwwUnderSptServesCurlOnATapDevice()
    {
        using var ns = new NetworkNamespace();
        var server = ns.Start(fixture.Launcher, fixture.WwwImage, "--net", "tap:spt0", "--", "--islet-ip", "10.91.0.2/24");
        try
        {
            // The launcher creates the TAP device; the image runs a while on a link that is down first.
            TapLink.BringUp(ns, server, "spt0", "10.91.0.1/24", TimeSpan.FromMilliseconds(300));
            Assert.Equal("200", TapLink.Get(ns, "http://10.91.0.2/"));
        }
        finally
        {
            server.Kill();
            server.WaitForExit(10_000);
        }
    }
}
