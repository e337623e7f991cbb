using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Islet.Integration.Tests;

/// <summary>The built www image run directly: shutdown on SIGTERM, and a directory served instead of baked content.</summary>
[Collection("www")]
public sealed class WwwProcessTests(WwwFixture www)
{
    private static Process Start(string image, params string[] arguments)
    {
        var start = new ProcessStartInfo(image) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public void Sigterm_stops_the_unikernel_cleanly_with_exit_code_0()
    {
        int port = Ports.Free();
        using var process = Start(www.Image, "--islet-publish", $"127.0.0.1:{port}:80", "--islet-quiet");
        Ports.WaitUntilListening(port, TimeSpan.FromSeconds(10));
        Assert.Equal("200", www.Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/").Stdout);
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        Assert.True(process.WaitForExit(10_000), "the unikernel did not stop within 10 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Sigterm_with_an_idle_keep_alive_client_still_stops_promptly()
    {
        int port = Ports.Free();
        using var process = Start(www.Image, "--islet-publish", $"127.0.0.1:{port}:80", "--islet-quiet");
        Ports.WaitUntilListening(port, TimeSpan.FromSeconds(10));
        using var client = new TcpClient("127.0.0.1", port);
        var stream = client.GetStream();
        stream.Write("GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"u8);
        var buffer = new byte[4096];
        Assert.True(stream.Read(buffer) > 0); // answered; the connection now sits idle, kept alive
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        Assert.True(process.WaitForExit(10_000), "the unikernel did not stop within 10 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Unix_target_serves_a_directory_instead_of_the_baked_site()
    {
        var dir = Directory.CreateTempSubdirectory("islet-site-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "index.html"), "<p>from a directory</p>");
            int port = Ports.Free();
            using var process = Start(www.Image, "--islet-publish", $"127.0.0.1:{port}:80", "--islet-content", $"site={dir.FullName}");
            try
            {
                Ports.WaitUntilListening(port, TimeSpan.FromSeconds(10));
                var r = www.Curl($"http://127.0.0.1:{port}/");
                Assert.Equal("<p>from a directory</p>", r.Stdout);
                var escape = www.Curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/../../etc/passwd");
                Assert.Contains(escape.Stdout, new[] { "400", "404" });
            }
            finally
            {
                process.Kill();
                process.WaitForExit(5_000);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bad_islet_option_is_one_clear_line_and_exit_code_2()
    {
        var r = ProcessRunner.Run(www.Image, ["--islet-publish", "not-a-port"], TimeSpan.FromSeconds(20));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("islet: --islet-publish needs", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }
}
