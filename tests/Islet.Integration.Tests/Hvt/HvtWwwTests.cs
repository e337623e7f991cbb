using System.Diagnostics;
using Islet.Integration.Tests.Spt;
using Islet.Tests.Shared;

namespace Islet.Integration.Tests.Hvt;

/// <summary>
/// The www image, unchanged from spt (the same file the spt tests run), served by the Islet
/// monitor in a KVM virtual machine through user-mode networking: <c>islet run -t hvt</c>, and
/// the monitor alone with the smallest memory it accepts.
/// </summary>
[Collection("spt")]
public sealed class HvtWwwTests(SptFixture fixture)
{
    [KvmFact]
    public async Task Www_under_hvt_answers_curl_through_user_networking()
    {
        var (exitCode, output) = await SealedWwwRun.ServeAndCheck(fixture, "hvt", port =>
        {
            // The guest's clock (the vDSO's TSC reading) agrees with the host's.
            var headers = Curl("-D", "-", "-o", "/dev/null", $"http://127.0.0.1:{port}/");
            string date = headers.Stdout.Split("\r\n").Single(h => h.StartsWith("Date: ", StringComparison.OrdinalIgnoreCase))[6..];
            var served = DateTimeOffset.ParseExact(date, "r", System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange((served - DateTimeOffset.UtcNow).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(3));
        });
        Assert.True(exitCode == 0, output);
        Assert.Contains("in a KVM virtual machine", output);
    }

    [KvmFact]
    public void Www_serves_in_eight_mebibytes_of_guest_memory()
    {
        int port = Ports.Free();
        using var server = Start(fixture.HvtLauncher, fixture.WwwImage, "--mem", "8M", "--stats", "-p", $"127.0.0.1:{port}:80");
        try
        {
            Ports.WaitUntilListening(port, TimeSpan.FromSeconds(30), () => !server.HasExited);
            for (int i = 0; i < 20; i++)
                Assert.Equal("200", Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/").Stdout);
        }
        finally
        {
            Process.Start("kill", ["-TERM", server.Id.ToString()])!.WaitForExit();
            Assert.True(server.WaitForExit(15_000), "islet-hvt did not stop on SIGTERM");
        }
        string output = server.StandardOutput.ReadToEnd() + server.StandardError.ReadToEnd();
        Assert.True(server.ExitCode == 0, output);
        Assert.Matches(@"guest memory: \d+\.\d MiB at peak of 8\.0 MiB", output);
    }

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static ProcessRunner.Result Curl(params string[] arguments) => SealedWwwRun.Curl(arguments);
}
