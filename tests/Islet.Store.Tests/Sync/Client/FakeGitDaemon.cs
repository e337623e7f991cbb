using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>
/// A scripted, hostile git:// server on 127.0.0.1: for each connection it reads the client's
/// service request, sends <paramref name="advertisement"/> bytes, then (when the client sends a
/// request) reads up to the client's <c>done</c> or lone flush and sends <paramref name="response"/>
/// bytes, and closes; with an empty response it closes right after the advertisement.
/// </summary>
internal sealed class FakeGitDaemon : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    public FakeGitDaemon(byte[] advertisement, byte[] response)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
                using (client)
                {
                    try
                    {
                        NetworkStream stream = client.GetStream();
                        ReadPkt(stream);
                        await stream.WriteAsync(advertisement);
                        if (response.Length == 0)
                            continue; // close at once: the client sees the end of the stream
                        for (int lines = 0; lines < 10_000; lines++)
                        {
                            string? line = ReadPkt(stream);
                            if (line is null || line == "done\n" || (lines == 0 && line == ""))
                                break;
                        }
                        await stream.WriteAsync(response);
                    }
                    catch (IOException) { }
                }
            }
        });
    }

    public int Port { get; }

    public string Url => $"git://127.0.0.1:{Port}/repo.git";

    public void Dispose()
    {
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
    }

    /// <summary>One pkt-line's payload ("" for a flush); null at the end of the stream.</summary>
    private static string? ReadPkt(Stream stream)
    {
        byte[] header = new byte[4];
        try { stream.ReadExactly(header); } catch (EndOfStreamException) { return null; }
        int length = Convert.ToInt32(Encoding.ASCII.GetString(header), 16);
        if (length < 4)
            return "";
        byte[] payload = new byte[length - 4];
        stream.ReadExactly(payload);
        return Encoding.UTF8.GetString(payload);
    }

    /// <summary>A data pkt-line of <paramref name="text"/>.</summary>
    public static byte[] Pkt(string text) => Pkt(Encoding.UTF8.GetBytes(text));

    /// <summary>A data pkt-line of <paramref name="payload"/>.</summary>
    public static byte[] Pkt(byte[] payload) => [.. Encoding.ASCII.GetBytes((payload.Length + 4).ToString("x4")), .. payload];

    /// <summary>Side-band pkt-lines on <paramref name="band"/> carrying <paramref name="data"/>.</summary>
    public static byte[] Band(byte band, byte[] data) =>
        [.. data.Chunk(60_000).SelectMany(chunk => Pkt([band, .. chunk]))];

    public static readonly byte[] Flush = "0000"u8.ToArray();
}
