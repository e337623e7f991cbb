using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>
/// One source repository (real git, several hundred commits, gc --aggressive) served by both
/// <c>git daemon</c> and <c>git http-backend</c> behind <see cref="GitCgiHost"/>, from one base
/// directory; each test makes its own remote copies under it.
/// </summary>
public sealed class SyncServersFixture : IDisposable
{
    private readonly GitDaemonHost _daemon;
    private readonly GitCgiHost _cgi;
    private int _next;

    public SyncServersFixture()
    {
        BaseDirectory = ExternalTool.TempDirectory("islet-sync-");
        Source = SyncRepositories.MakeSource(BaseDirectory, 400);
        _daemon = new GitDaemonHost(BaseDirectory);
        _cgi = new GitCgiHost(BaseDirectory);
    }

    public string BaseDirectory { get; }

    /// <summary>The bare source repository (also served as <c>source.git</c>).</summary>
    public string Source { get; }

    internal GitCgiHost Cgi => _cgi;

    /// <summary>The URL of repository <paramref name="name"/> under the base directory over <paramref name="transport"/> ("git" or "http").</summary>
    public string Url(string transport, string name) => transport == "git" ? _daemon.Url(name) : _cgi.Url(name);

    /// <summary>A new bare copy of the source that pushes may change: its name under the base directory and its path.</summary>
    public (string Name, string Path) NewRemote()
    {
        string name = $"remote{Interlocked.Increment(ref _next)}.git";
        GitCommandLine.Script(BaseDirectory, $"git clone -q --bare source.git {name} && git -C {name} config http.receivepack true");
        return (name, System.IO.Path.Combine(BaseDirectory, name));
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _cgi.Dispose();
        Directory.Delete(BaseDirectory, recursive: true);
    }
}
