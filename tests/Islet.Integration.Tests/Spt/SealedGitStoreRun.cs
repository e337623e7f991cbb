using System.Diagnostics;
using System.Globalization;

namespace Islet.Integration.Tests.Spt;

/// <summary>
/// The sealed gitstore example under <c>islet run -t TARGET IMAGE -p PORT:80 --block data=DISK</c>,
/// driven by the real clients: curl for the key-value API, git for clone and push over smart HTTP.
/// Shared by the spt and hvt tests: a first run writes through both doors and is stopped with
/// SIGTERM; a second run on the same disk file must find everything (the block device is all the
/// image keeps, it has no filesystem).
/// </summary>
internal static class SealedGitStoreRun
{
    /// <summary>Starts the image, waits until it answers, runs <paramref name="checks"/> with the port and a scratch directory, stops it with SIGTERM; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> Run(SptFixture fixture, string target, string disk, Action<int, string> checks)
    {
        int port = Ports.Free();
        string work = fixture.Scratch($"gitstore-work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { fixture.IsletDll, "run", fixture.GitStoreImage, "-t", target, "-p", $"127.0.0.1:{port}:80", "--block", $"data={disk}", "--", "--author", "Sealed Tester <sealed@islet.example>" })
            start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        Task<string> stdout = server.StandardOutput.ReadToEndAsync(), stderr = server.StandardError.ReadToEndAsync();
        try
        {
            // The launcher forwards at once; an answer waits for the image to boot and take its lease.
            var clock = Stopwatch.StartNew();
            while (Curl("-o", "/dev/null", "-w", "%{http_code}", $"http://127.0.0.1:{port}/kv/").Stdout != "200")
            {
                if (server.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                    throw new InvalidOperationException($"the gitstore image did not answer within 60 s (exited: {server.HasExited})");
                Thread.Sleep(100);
            }
            checks(port, work);
        }
        finally
        {
            Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(server.WaitForExit(15_000), $"islet run -t {target} did not stop on SIGTERM");
        }
        return (server.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// The first run: a value PUT and read back through /kv; git clones it (history and content as
    /// the API wrote them), commits a change and a new file in the clone and pushes; the pushed values
    /// read back through /kv; a DELETE removes one.
    /// </summary>
    public static void WriteThroughBothDoors(int port, string work)
    {
        string kv = $"http://127.0.0.1:{port}/kv";
        Assert.Equal("404", Curl("-o", "/dev/null", "-w", "%{http_code}", $"{kv}/config/colour").Stdout);
        string commit = CurlOk("-X", "PUT", "--data-binary", "blue", $"{kv}/config/colour").Trim();
        Assert.Matches("^[0-9a-f]{40}$", commit);
        CurlOk("-X", "PUT", "--data-binary", "doomed", $"{kv}/tmp/scratch");
        Assert.Equal("blue", CurlOk($"{kv}/config/colour"));
        Assert.Equal("colour\n", CurlOk($"{kv}/config/"));

        string log = Git(work, $"""
            git clone -q http://127.0.0.1:{port}/store clone && cd clone
            git config user.name Pusher && git config user.email pusher@islet.example
            test "$(git show main:config/colour)" = blue
            test "$(git rev-parse HEAD~1)" = {commit}
            git log --format='%an <%ae>|%s' main
            """);
        Assert.Contains("Sealed Tester <sealed@islet.example>|Set config/colour (gitstore key-value API)", log);
        Assert.Contains("Sealed Tester <sealed@islet.example>|Set tmp/scratch (gitstore key-value API)", log);

        Git(work, """
            cd clone
            printf green > config/colour
            mkdir -p notes && seq 1 2000 > notes/numbers.txt
            git add -A && git commit -q -m 'Pushed with git'
            git push -q origin main
            """);
        Assert.Equal("green", CurlOk($"{kv}/config/colour"));
        Assert.Equal(string.Join("", Enumerable.Range(1, 2000).Select(i => $"{i}\n")), CurlOk($"{kv}/notes/numbers.txt"));
        CurlOk("-X", "DELETE", $"{kv}/tmp/scratch");
        Assert.Equal("404", Curl("-o", "/dev/null", "-w", "%{http_code}", $"{kv}/tmp/scratch").Stdout);
    }

    /// <summary>The second run on the same disk: the values and the whole history are still there, and a fresh clone is intact.</summary>
    public static void StillThere(int port, string work)
    {
        string kv = $"http://127.0.0.1:{port}/kv";
        Assert.Equal("green", CurlOk($"{kv}/config/colour"));
        Assert.Equal("404", Curl("-o", "/dev/null", "-w", "%{http_code}", $"{kv}/tmp/scratch").Stdout);
        string log = Git(work, $"""
            git clone -q http://127.0.0.1:{port}/store again && cd again
            git fsck --strict --no-dangling >&2
            test "$(git show main:notes/numbers.txt | wc -l)" = 2000
            git log --format=%s main
            """);
        Assert.Equal("Remove tmp/scratch (gitstore key-value API)\nPushed with git\nSet tmp/scratch (gitstore key-value API)\nSet config/colour (gitstore key-value API)\n", log);
    }

    /// <summary>curl with bounded time; the exit code and output.</summary>
    private static ProcessRunner.Result Curl(params string[] arguments) =>
        ProcessRunner.Run("curl", ["-sS", "--max-time", "10", .. arguments], TimeSpan.FromSeconds(20));

    /// <summary>curl that must get a 2xx answer (--fail); its body.</summary>
    private static string CurlOk(params string[] arguments)
    {
        var result = Curl(["--fail", .. arguments]);
        Assert.True(result.ExitCode == 0, $"curl {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>A bash script of git commands in <paramref name="work"/>, with no user or system configuration; its standard output.</summary>
    private static string Git(string work, string script)
    {
        const string Prelude = "set -e -o pipefail; export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C TZ=UTC GIT_TERMINAL_PROMPT=0\n";
        var result = ProcessRunner.Run("bash", ["-c", Prelude + script], TimeSpan.FromSeconds(60), work);
        Assert.True(result.ExitCode == 0, $"git script failed ({result.ExitCode}): {result.Stdout}{result.Stderr}\n{script}");
        return result.Stdout;
    }
}
