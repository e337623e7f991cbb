namespace Islet.Integration.Tests.Spt;

/// <summary>The sandbox probe's <c>block</c> mode under <c>strace -f -e trace=fdatasync</c>, for the flush tests of spt and hvt.</summary>
internal static class FlushTrace
{
    /// <summary>
    /// Runs <paramref name="launcher"/> on the probe with a fresh 8-sector disk, checks that the probe
    /// wrote and flushed, and that some process of the launch (the image under spt, the monitor under
    /// hvt) made an fdatasync that succeeded.
    /// </summary>
    public static void AssertTheFlushIsAnFdatasync(SptFixture fixture, string launcher)
    {
        string disk = fixture.Scratch($"disk-{Guid.NewGuid():N}.img");
        File.WriteAllBytes(disk, new byte[8 * 512]);
        string log = fixture.Scratch($"strace-{Guid.NewGuid():N}.log");
        var result = ProcessRunner.Run("strace", ["-f", "-qq", "-e", "trace=fdatasync", "-o", log, launcher, fixture.ProbeImage, "--block", $"data={disk}", "--quiet", "--", "block"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("block: flushed", result.Stdout);
        Assert.Matches(@"fdatasync\(\d+\)\s+= 0", File.ReadAllText(log));
    }
}
