using System.IO.Compression;
using System.Text;
using Islet.Http;
using HttpMethod = Islet.Http.HttpMethod;
using Islet.Store.Sync.Server.Internal;

namespace Islet.Store.Sync.Server;

/// <summary>
/// Git's smart HTTP protocol (gitprotocol-http) over Islet.Http, for the repositories of a
/// <see cref="GitRepositoryRegistry"/>:
/// <c>GET /NAME/info/refs?service=git-upload-pack|git-receive-pack</c> (the <c># service=</c>
/// preamble, a flush, the ref advertisement), <c>POST /NAME/git-upload-pack</c> (clone, fetch) and
/// <c>POST /NAME/git-receive-pack</c> (push). Responses carry the service's content type and
/// <c>Cache-Control: no-cache</c>; bodies of unknown length are chunked.
/// </summary>
/// <remarks>
/// <para>Protocol v0 only: a <c>Git-Protocol: version=2</c> header is ignored and answered in v0,
/// which git accepts (it falls back to the version the server speaks).</para>
/// <para>Errors: 404 for an unknown repository or path (dumb HTTP is not served), 403 for a push to a
/// read-only repository, 405 for a wrong method, 415 for a wrong Content-Type or an unknown
/// Content-Encoding (gzip is inflated, bounded by <see cref="GitServerOptions.MaxInflatedRequestBytes"/>),
/// 400 for malformed or over-limit requests; an upload-pack want that was not advertised is answered
/// 200 with git's <c>ERR upload-pack: not our ref</c> line. A failed request changes nothing.</para>
/// <para>Runs on the event loop; the store is read and written there (building a pack blocks the loop
/// while it runs).</para>
/// </remarks>
public sealed class GitHttpHandler : IHttpBodyHandler
{
    private const string UploadPack = "git-upload-pack";
    private const string ReceivePack = "git-receive-pack";

    private readonly GitRepositoryRegistry _registry;
    private readonly GitServerOptions _options;

    /// <summary>A handler serving <paramref name="registry"/>.</summary>
    public GitHttpHandler(GitRepositoryRegistry registry, GitServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? GitServerOptions.Default;
    }

    /// <inheritdoc/>
    public async ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        string path = Encoding.ASCII.GetString(request.Path);
        string[] parts = path.Split('/');
        if (parts.Length < 3 || parts[0].Length != 0 || !_registry.TryGet(parts[1], out GitServedRepository? repository))
        {
            Plain(response, 404, "Not found.\n");
            return;
        }
        string rest = string.Join('/', parts[2..]);
        if (rest == "info/refs")
        {
            if (request.Method is not (HttpMethod.Get or HttpMethod.Head))
            {
                MethodNotAllowed(response, "GET, HEAD");
                return;
            }
            string? service = ServiceFromQuery(Encoding.ASCII.GetString(request.Query));
            if (service is null)
            {
                Plain(response, 404, "Only the smart protocol is served: ask with ?service=git-upload-pack or git-receive-pack.\n");
                return;
            }
            if (service == ReceivePack && repository.Policy.ReadOnly)
            {
                Plain(response, 403, "This repository is read-only.\n");
                return;
            }
            Advertise(repository, service, response);
            return;
        }
        if (rest is not (UploadPack or ReceivePack))
        {
            Plain(response, 404, "Not found.\n");
            return;
        }
        if (request.Method != HttpMethod.Post)
        {
            MethodNotAllowed(response, "POST");
            return;
        }
        if (rest == ReceivePack && repository.Policy.ReadOnly)
        {
            Plain(response, 403, "This repository is read-only.\n");
            return;
        }
        if (!Encoding.ASCII.GetString(request.ContentType).Trim().Equals($"application/x-{rest}-request", StringComparison.OrdinalIgnoreCase))
        {
            Plain(response, 415, $"Expected Content-Type: application/x-{rest}-request.\n");
            return;
        }
        Stream? body = OpenBody(request);
        if (body is not null && !ReferenceEquals(body, request.Body)) repository.Statistics.GzipRequests++;
        if (body is null)
        {
            Plain(response, 415, "Only the gzip content coding is understood.\n");
            return;
        }
        var exchange = new GitHttpExchange(repository, _options, response);
        if (rest == UploadPack) await exchange.UploadPackAsync(body, cancellationToken).ConfigureAwait(true);
        else await exchange.ReceivePackAsync(body, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>The body with any gzip coding undone; null for a coding other than gzip or identity.</summary>
    private Stream? OpenBody(HttpRequest request)
    {
        string encoding = Encoding.ASCII.GetString(request.ContentEncoding).Trim();
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)) return request.Body;
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            return new BoundedReadStream(new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true), _options.MaxInflatedRequestBytes);
        return null;
    }

    private void Advertise(GitServedRepository repository, string service, HttpResponse response)
    {
        var buffer = new MemoryStream();
        var writer = new PktLineStreamWriter(buffer);
        writer.Text("# service=" + service);
        writer.Flush();
        var algorithm = repository.Backend.Objects.Algorithm;
        var advertisement = RefAdvertisement.Read(repository.Backend, new ObjectGraph(repository.Backend.Objects, _options.MaxObjects));
        string capabilities = service == UploadPack
            ? UploadPackService.Capabilities(_options, algorithm)
            : ReceivePackService.Capabilities(_options, algorithm);
        advertisement.Write(writer, capabilities, algorithm, withSymref: service == UploadPack);
        writer.FlushAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        repository.Statistics.Advertisements++;
        response.StartHead(200);
        response.AddHeader("Content-Type"u8, $"application/x-{service}-advertisement");
        response.AddHeader("Cache-Control"u8, "no-cache");
        response.EndHead(buffer.Length);
        response.WriteBody(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>The <c>service</c> parameter of the query when it names a smart service.</summary>
    private static string? ServiceFromQuery(string query)
    {
        foreach (string parameter in query.Split('&'))
        {
            if (parameter is "service=" + UploadPack or "service=" + ReceivePack) return parameter[8..];
        }
        return null;
    }

    private static void MethodNotAllowed(HttpResponse response, string allow)
    {
        response.StartHead(405);
        response.AddHeader("Allow"u8, allow);
        byte[] text = "Method not allowed.\n"u8.ToArray();
        response.AddHeader("Content-Type"u8, "text/plain");
        response.EndHead(text.Length);
        response.WriteBody(text);
    }

    /// <summary>A short text/plain response.</summary>
    internal static void Plain(HttpResponse response, int status, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        response.StartHead(status);
        response.AddHeader("Content-Type"u8, "text/plain; charset=utf-8");
        response.AddHeader("Cache-Control"u8, "no-cache");
        response.EndHead(bytes.Length);
        response.WriteBody(bytes);
    }
}
