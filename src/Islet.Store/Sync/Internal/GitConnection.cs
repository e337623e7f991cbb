using System.Net;
using System.Text;
using Islet.Net;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// One conversation with a remote service (<c>git-upload-pack</c> or <c>git-receive-pack</c>):
/// the ref advertisement, then one request and its response. Over git:// both happen on one TCP
/// connection; over smart HTTP the advertisement is a GET of <c>info/refs</c> and the request a
/// POST (stateless RPC), so a request must carry everything the server needs.
/// </summary>
internal abstract class GitConnection : IAsyncDisposable
{
    /// <summary>Connects and returns a reader positioned at the first line of the ref advertisement.</summary>
    public abstract ValueTask<PktLineReader> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="request"/> and returns the stream of the response (owned by this connection).</summary>
    public abstract ValueTask<Stream> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);

    /// <summary>Closes whatever is open.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>A connection to <paramref name="url"/>'s <paramref name="service"/> at <paramref name="endPoint"/>.</summary>
    public static GitConnection Create(ITcpStack tcp, GitRemoteUrl url, IPEndPoint endPoint, string service) =>
        url.Scheme == GitUrlScheme.Git ? new DaemonConnection(tcp, url, endPoint, service) : new HttpConnection(tcp, url, endPoint, service);

    private static string HostHeader(GitRemoteUrl url, int defaultPort)
    {
        string host = url.Host.Contains(':') ? $"[{url.Host}]" : url.Host;
        return url.Port == defaultPort ? host : $"{host}:{url.Port}";
    }

    private sealed class DaemonConnection(ITcpStack tcp, GitRemoteUrl url, IPEndPoint endPoint, string service) : GitConnection
    {
        private Stream? _stream;
        private PktLineReader? _reader;

        public override async ValueTask<PktLineReader> OpenAsync(CancellationToken cancellationToken)
        {
            ITcpFlow flow = await tcp.ConnectAsync(endPoint, cancellationToken);
            _stream = flow.AsStream();
            var request = new System.Buffers.ArrayBufferWriter<byte>();
            PktLine.WriteData(request, Encoding.UTF8.GetBytes($"{service} {url.Path}\0host={HostHeader(url, GitRemoteUrl.DefaultGitPort)}\0"));
            await _stream.WriteAsync(request.WrittenMemory, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            _reader = new PktLineReader(_stream);
            return _reader;
        }

        public override async ValueTask<Stream> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
        {
            if (_stream is null || _reader is null)
                throw new InvalidOperationException("Open the connection first.");
            if (!_reader.TakeBuffered().IsEmpty)
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote sent data after its ref advertisement before the request.");
            await _stream.WriteAsync(request, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            return _stream;
        }

        public override async ValueTask DisposeAsync()
        {
            if (_stream is not null)
                await _stream.DisposeAsync();
            _stream = null;
        }
    }

    private sealed class HttpConnection(ITcpStack tcp, GitRemoteUrl url, IPEndPoint endPoint, string service) : GitConnection
    {
        private readonly List<Stream> _bodies = [];

        private string Base => url.Path.TrimEnd('/');

        public override async ValueTask<PktLineReader> OpenAsync(CancellationToken cancellationToken)
        {
            (string type, Stream body) = await SmartHttpClient.SendAsync(tcp, endPoint, HostHeader(url, 80), "GET",
                $"{Base}/info/refs?service={service}", null, "*/*", default, cancellationToken);
            _bodies.Add(body);
            if (!type.StartsWith($"application/x-{service}-advertisement", StringComparison.OrdinalIgnoreCase))
                throw new GitProtocolException(GitProtocolError.Unsupported, $"The remote is not a smart HTTP server (Content-Type '{type}'); the dumb protocol is not supported.");
            var reader = new PktLineReader(body);
            if (await reader.ReadAsync(cancellationToken) != PktLineKind.Data || reader.PayloadText != $"# service={service}")
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The smart HTTP advertisement does not start with its service line.");
            if (await reader.ReadAsync(cancellationToken) != PktLineKind.Flush)
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The smart HTTP service line is not followed by a flush-pkt.");
            return reader;
        }

        public override async ValueTask<Stream> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
        {
            (string type, Stream body) = await SmartHttpClient.SendAsync(tcp, endPoint, HostHeader(url, 80), "POST", $"{Base}/{service}",
                $"application/x-{service}-request", $"application/x-{service}-result", request, cancellationToken);
            _bodies.Add(body);
            if (!type.StartsWith($"application/x-{service}-result", StringComparison.OrdinalIgnoreCase))
                throw new GitProtocolException(GitProtocolError.Http, $"The remote answered with Content-Type '{type}'.");
            return body;
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (Stream body in _bodies)
                await body.DisposeAsync();
            _bodies.Clear();
        }
    }
}
