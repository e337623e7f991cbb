namespace Islet.Cli.Tests;

public sealed class StoreServeTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    /// <summary>Runs <c>islet store serve</c> in-process on a free port until <paramref name="body"/> returns, then stops it as Ctrl-C would.</summary>
    private CliResult Serve(Action<string> body, params string[] extra)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = Loopback.FreePort();
            using var stop = new CancellationTokenSource();
            var server = new CliHarness(_store.Temp.Path) { Cancellation = stop.Token }.WithVariable("ISLET_STORE", _store.StorePath);
            Task<CliResult> serving = Task.Run(() => server.Run(["store", "serve", "--port", port.ToString(), .. extra]));
            if (!Loopback.WaitForListener(port, () => serving.IsCompleted))
            {
                CliResult failed = serving.Result;
                if (attempt < 3 && failed.Error.Contains("in use", StringComparison.OrdinalIgnoreCase))
                    continue;
                Assert.Fail($"serve did not listen: {failed.Error}");
            }
            try
            {
                body($"http://127.0.0.1:{port}/store");
            }
            finally
            {
                stop.Cancel();
            }
            CliResult result = serving.WaitAsync(TimeSpan.FromSeconds(30)).Result;
            Assert.Equal($"serving {_store.StorePath} at http://127.0.0.1:{port}/store{(extra.Contains("--read-only") ? " (read-only)" : "")}\n", result.Out);
            return result;
        }
    }

    [Fact]
    public void Real_git_clones_from_serve_and_pushes_back()
    {
        _store.Set("greeting", "hello");
        _store.Set("dir/n", "1");
        string work = _store.Temp.Combine("work");

        var result = Serve(url =>
        {
            GitProcess.Run(_store.Temp.Path, "clone", "-q", url, work);
            Assert.Equal("hello", File.ReadAllText(Path.Combine(work, "greeting")));
            File.WriteAllText(Path.Combine(work, "greeting"), "pushed by git");
            GitProcess.Run(work, "commit", "-q", "-am", "from git");
            GitProcess.Run(work, "push", "-q", "origin", "main");
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal("pushed by git", _store.Ok("store", "get", "greeting"));
        Assert.Equal(GitProcess.Run(work, "rev-parse", "HEAD"), GitProcess.Run(_store.StorePath, "rev-parse", "main"));
        Assert.StartsWith("from git", _store.Ok("store", "log", "-n", "1", "--oneline")[8..]);
        GitProcess.Run(_store.StorePath, "fsck", "--strict");
    }

    [Fact]
    public void A_read_only_serve_refuses_git_push_and_keeps_the_store()
    {
        string head = _store.Set("k", "v");
        string work = _store.Temp.Combine("work");

        Serve(url =>
        {
            GitProcess.Run(_store.Temp.Path, "clone", "-q", url, work);
            File.WriteAllText(Path.Combine(work, "k"), "changed");
            GitProcess.Run(work, "commit", "-q", "-am", "refused");
            var push = GitProcess.TryRun(work, "push", "-q", "origin", "main");
            Assert.NotEqual(0, push.ExitCode);
        }, "--read-only");

        Assert.Equal(head + "\n", GitProcess.Run(_store.StorePath, "rev-parse", "main"));
    }

    [Fact]
    public void Islet_clones_from_serve_over_http_and_pushes_back()
    {
        _store.Set("k", "served");
        string copy = _store.Temp.Combine("copy");

        Serve(url =>
        {
            _store.Ok("store", "clone", url, copy);
            Assert.Equal("served", _store.Ok("store", "get", "-C", copy, "k"));
            string pushed = _store.Ok("store", "set", "-C", copy, "k", "pushed").Trim().Split(' ')[^1];
            Assert.EndsWith($"..{pushed}\n", _store.Ok("store", "push", "-C", copy));
        });

        Assert.Equal("pushed", _store.Ok("store", "get", "k"));
        GitProcess.Run(_store.StorePath, "fsck", "--strict");
    }

    [Fact]
    public void Serve_rejects_bad_options()
    {
        var result = _store.Cli.Run("store", "serve", "--listen", "nowhere");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("islet: bad --listen 'nowhere': expected an IP address such as 127.0.0.1", Assert.Single(result.ErrorLines));
    }
}
