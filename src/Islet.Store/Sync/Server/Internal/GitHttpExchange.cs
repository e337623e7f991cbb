using Islet.Http;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// One smart-HTTP POST after routing: reads the request from the (inflated) body, answers 400 (or
/// the body's own failure status) when it cannot be read, else streams the service's result.
/// </summary>
internal sealed class GitHttpExchange(GitServedRepository repository, GitServerOptions options, HttpResponse response)
{
    public async ValueTask UploadPackAsync(Stream body, CancellationToken cancellationToken)
    {
        UploadPackRequest request;
        try
        {
            request = await UploadPackRequest.ReadAsync(body, repository.Backend.Objects.Algorithm, options, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception e) when (Refuse(e))
        {
            return;
        }
        StartResult("git-upload-pack");
        var writer = new PktLineStreamWriter(new HttpResponseBodyStream(response));
        try
        {
            await new UploadPackService(repository, options).ServeAsync(request, writer, cancellationToken).ConfigureAwait(true);
        }
        catch (GitProtocolException e) when (writer.BytesWritten == 0)
        {
            // Before any byte of the result went out, git's way to fail is an ERR line.
            var error = new PktLineStreamWriter(new HttpResponseBodyStream(response));
            error.Text("ERR " + e.Message);
            await error.FlushAsync(cancellationToken).ConfigureAwait(true);
        }
        response.EndBody();
    }

    public async ValueTask ReceivePackAsync(Stream body, CancellationToken cancellationToken)
    {
        ReceivePackRequest request;
        try
        {
            request = await ReceivePackRequest.ReadAsync(body, repository.Backend.Objects.Algorithm, options, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception e) when (Refuse(e))
        {
            return;
        }
        StartResult("git-receive-pack");
        var writer = new PktLineStreamWriter(new HttpResponseBodyStream(response));
        await new ReceivePackService(repository, options).ServeAsync(request, writer, cancellationToken).ConfigureAwait(true);
        response.EndBody();
    }

    private void StartResult(string service)
    {
        response.StartHead(200);
        response.AddHeader("Content-Type"u8, $"application/x-{service}-result");
        response.AddHeader("Cache-Control"u8, "no-cache");
        response.EndHeadChunked();
    }

    /// <summary>Answers a request that could not be read (and closes the connection: the rest of the body is not worth reading); false for exceptions that are bugs.</summary>
    private bool Refuse(Exception e)
    {
        int status;
        string message;
        switch (e)
        {
            case HttpBodyException body:
                status = body.StatusCode;
                message = body.Message;
                break;
            case GitProtocolException protocol:
                status = 400;
                message = protocol.Message;
                break;
            case InvalidDataException:
                status = 400;
                message = "The gzip coding of the request is corrupt.";
                break;
            default:
                return false;
        }
        response.CloseConnection();
        GitHttpHandler.Plain(response, status, message + "\n");
        return true;
    }
}
