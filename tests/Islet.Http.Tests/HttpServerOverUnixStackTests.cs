using System.Net;
using System.Text;
using Islet.Events;
using Islet.Net;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Net;
using Xunit;

namespace Islet.Http.Tests;

/// <summary>HttpServer over the unix target's stack: real kernel sockets on loopback.</summary>
public sealed class HttpServerOverUnixStackTests
{
    [Fact]
    public void Serves_keep_alive_requests_over_real_sockets_and_stops_on_cancellation()
    {
        var store = new TestStore();
        store.Add("index.html", "<p>hello</p>");
        using var loop = new EventLoop(new EventLoopOptions { Poller = new EpollPoller() });
        var stack = new UnixStack(loop);
        var (responses, activeAfterStop) = loop.Run(async () =>
        {
            var listener = await stack.Tcp.ListenAsync(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new HttpServer(listener, new StaticSiteHandler(store));
            using var stop = new CancellationTokenSource();
            var running = server.RunAsync(stop.Token);

            await using var client = await stack.Tcp.ConnectAsync(listener.LocalEndPoint);
            var texts = new List<string>();
            foreach (var path in new[] { "/", "/index.html", "/missing" })
            {
                await client.Output.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: t\r\n\r\n"));
                texts.Add(await ReadOneResponseAsync(client));
            }
            stop.Cancel();
            var finished = await Task.WhenAny(running, loop.Delay(TimeSpan.FromSeconds(20)));
            Assert.Same(running, finished);
            await running;
            return (texts, server.ActiveConnections);
        });
        Assert.StartsWith("HTTP/1.1 200 OK", responses[0]);
        Assert.EndsWith("<p>hello</p>", responses[0]);
        Assert.StartsWith("HTTP/1.1 200 OK", responses[1]);
        Assert.StartsWith("HTTP/1.1 404", responses[2]);
        Assert.Equal(0, activeAfterStop);
    }

    private static async Task<string> ReadOneResponseAsync(ITcpFlow flow)
    {
        var text = new StringBuilder();
        while (true)
        {
            var result = await flow.Input.ReadAsync();
            foreach (var segment in result.Buffer) text.Append(Encoding.Latin1.GetString(segment.Span));
            flow.Input.AdvanceTo(result.Buffer.End);
            var s = text.ToString();
            int headEnd = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0)
            {
                var match = System.Text.RegularExpressions.Regex.Match(s, @"Content-Length: (\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                int length = match.Success ? int.Parse(match.Groups[1].Value) : 0;
                if (s.Length >= headEnd + 4 + length) return s;
            }
            if (result.IsCompleted) return s;
        }
    }
}
