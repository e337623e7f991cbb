using System.Net;
using Islet.Events;
using Islet.Http;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Islet.Store.Sync.Server;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>
/// A <see cref="GitHttpHandler"/> behind an Islet <see cref="HttpServer"/> on the unix target's stack
/// (real kernel sockets on 127.0.0.1, port chosen by the kernel), its event loop on a thread of its
/// own. The registry is filled before the server starts; store reads and writes from the test go
/// through <see cref="OnLoop{T}"/>, where the server uses the store.
/// </summary>
internal sealed class GitServerHarness : IDisposable
{
    private readonly EventLoop _loop = new(new EventLoopOptions { Poller = new EpollPoller() });
    private readonly Thread _thread;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;

    public GitServerHarness(GitRepositoryRegistry registry, GitServerOptions? options = null, HttpServerOptions? httpOptions = null)
    {
        httpOptions ??= new HttpServerOptions { MaxRequestBodySize = 256L * 1024 * 1024 };
        var handler = new GitHttpHandler(registry, options);
        _thread = new Thread(() =>
        {
            try
            {
                _loop.Run(async () =>
                {
                    var stack = new UnixStack(_loop);
                    var listener = await stack.Tcp.ListenAsync(new IPEndPoint(IPAddress.Loopback, 0));
                    var server = new HttpServer(listener, handler, httpOptions);
                    _port.TrySetResult(listener.LocalEndPoint.Port);
                    await server.RunAsync(_loop.ShutdownToken);
                });
            }
            catch (Exception e)
            {
                _failure = e;
                _port.TrySetException(e);
            }
        }) { IsBackground = true, Name = "git-server-loop" };
        _thread.Start();
        if (!_port.Task.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("The git server did not start within 30 s.");
        Port = _port.Task.Result;
    }

    public int Port { get; }

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    /// <summary>Runs <paramref name="work"/> on the loop thread and returns its result.</summary>
    public T OnLoop<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop.Post(_ =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }, null);
        return done.Task.Wait(TimeSpan.FromSeconds(60)) ? done.Task.Result : throw new TimeoutException("The loop did not run the work.");
    }

    public void Dispose()
    {
        _loop.RequestShutdown();
        if (!_thread.Join(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("The git server did not stop within 30 s of shutdown.");
        _loop.Dispose();
        if (_failure is not null)
            throw new InvalidOperationException("The git server's loop failed.", _failure);
    }
}
