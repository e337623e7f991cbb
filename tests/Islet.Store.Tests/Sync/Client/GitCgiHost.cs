using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that runs <c>git http-backend</c> as a CGI program per
/// request (RFC 3875 variables; GIT_PROJECT_ROOT is the base directory, every repository
/// exported). Request bodies may be Content-Length or chunked (passed on with CONTENT_LENGTH);
/// responses are sent chunked, one request per connection.
/// </summary>
internal sealed class GitCgiHost : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _baseDirectory;
    private readonly Task _accepting;

    public GitCgiHost(string baseDirectory)
    {
        _baseDirectory = baseDirectory;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>How many requests arrived with a chunked body.</summary>
    public int ChunkedRequests;

    public string Url(string name) => $"http://127.0.0.1:{Port}/{name}";

    public void Dispose()
    {
        _listener.Stop();
        try { _accepting.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try { await ServeAsync(client.GetStream()); }
                    catch (IOException) { }
                }
            });
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var input = new BufferedStream(stream);
        string requestLine = ReadLine(input);
        string[] parts = requestLine.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (string line = ReadLine(input); line.Length > 0; line = ReadLine(input))
            headers[line[..line.IndexOf(':')].Trim()] = line[(line.IndexOf(':') + 1)..].Trim();
        byte[] body = [];
        if (headers.TryGetValue("Content-Length", out string? length))
        {
            body = new byte[int.Parse(length)];
            input.ReadExactly(body);
        }
        else if (headers.TryGetValue("Transfer-Encoding", out string? coding) && coding == "chunked")
        {
            Interlocked.Increment(ref ChunkedRequests);
            var all = new MemoryStream();
            for (int size = Convert.ToInt32(ReadLine(input), 16); size > 0; size = Convert.ToInt32(ReadLine(input), 16))
            {
                byte[] chunk = new byte[size];
                input.ReadExactly(chunk);
                all.Write(chunk);
                ReadLine(input);
            }
            ReadLine(input);
            body = all.ToArray();
        }
        string target = parts[1];
        int question = target.IndexOf('?');
        var info = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("http-backend");
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_PROJECT_ROOT"] = _baseDirectory;
        info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        info.Environment["REQUEST_METHOD"] = parts[0];
        info.Environment["PATH_INFO"] = question < 0 ? target : target[..question];
        info.Environment["QUERY_STRING"] = question < 0 ? "" : target[(question + 1)..];
        info.Environment["CONTENT_TYPE"] = headers.GetValueOrDefault("Content-Type", "");
        info.Environment["CONTENT_LENGTH"] = body.Length.ToString();
        info.Environment["REMOTE_USER"] = "islet";
        info.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (headers.TryGetValue("Content-Encoding", out string? encoding))
            info.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        using var process = Process.Start(info)!;
        Task stderr = process.StandardError.ReadToEndAsync();
        Task feed = Task.Run(async () =>
        {
            try { await process.StandardInput.BaseStream.WriteAsync(body); } catch (IOException) { }
            process.StandardInput.Close();
        });
        var output = new BufferedStream(process.StandardOutput.BaseStream);
        string status = "200 OK";
        var response = new StringBuilder();
        for (string line = ReadLine(output); line.Length > 0; line = ReadLine(output))
        {
            if (line.StartsWith("Status:", StringComparison.OrdinalIgnoreCase))
                status = line[7..].Trim();
            else
                response.Append(line).Append("\r\n");
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{response}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
        byte[] buffer = new byte[32 * 1024];
        for (int read; (read = await output.ReadAsync(buffer)) > 0;)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{read:x}\r\n"));
            await stream.WriteAsync(buffer.AsMemory(0, read));
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        await feed;
        await stderr;
        process.WaitForExit();
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        for (int b = stream.ReadByte(); b != '\n'; b = stream.ReadByte())
        {
            if (b < 0)
                return line.ToString();
            if (b != '\r')
                line.Append((char)b);
            if (line.Length > 16 * 1024)
                throw new IOException("header line too long");
        }
        return line.ToString();
    }
}
