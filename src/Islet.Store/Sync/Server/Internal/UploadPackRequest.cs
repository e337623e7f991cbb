using Islet.Store.Git;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// One stateless upload-pack request (gitprotocol-pack "Packfile Negotiation", gitprotocol-http
/// "Smart Service git-upload-pack"): <c>want</c> lines (capabilities after the first id), a flush,
/// then <c>have</c> lines ending in a flush (more negotiation to come) or <c>done</c>.
/// </summary>
internal sealed class UploadPackRequest
{
    public List<GitObjectId> Wants { get; } = [];

    public HashSet<string> Capabilities { get; } = new(StringComparer.Ordinal);

    public List<GitObjectId> Haves { get; } = [];

    /// <summary>True when the client sent <c>done</c>: the pack follows whatever was found in common.</summary>
    public bool Done { get; private set; }

    /// <summary>Reads a request; malformed or over-limit input raises <see cref="GitProtocolException"/>.</summary>
    public static async ValueTask<UploadPackRequest> ReadAsync(Stream body, GitHashAlgorithm algorithm, GitServerOptions options, CancellationToken cancellationToken)
    {
        var request = new UploadPackRequest();
        var reader = new PktLineReader(body);
        while (true)
        {
            PktLineKind kind = await reader.ReadAsync(cancellationToken).ConfigureAwait(true);
            if (kind == PktLineKind.Flush) break;
            if (kind != PktLineKind.Data) throw Unexpected("a want line or flush");
            string line = reader.PayloadText;
            if (!line.StartsWith("want ", StringComparison.Ordinal))
            {
                if (line.StartsWith("shallow ", StringComparison.Ordinal) || line.StartsWith("deepen", StringComparison.Ordinal) || line.StartsWith("filter ", StringComparison.Ordinal))
                    throw new GitProtocolException(GitProtocolError.Unsupported, "shallow clones and filters are not supported by this server");
                throw Unexpected("a want line");
            }
            string rest = line[5..];
            int space = rest.IndexOf(' ');
            if (request.Wants.Count == 0 && space >= 0)
            {
                foreach (string capability in rest[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    request.Capabilities.Add(capability);
            }
            request.Wants.Add(ParseId(space >= 0 ? rest[..space] : rest, algorithm));
            if (request.Wants.Count > options.MaxWants)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"more than {options.MaxWants} wants");
        }
        if (request.Wants.Count == 0)
            throw Unexpected("at least one want");
        while (true)
        {
            PktLineKind kind;
            try
            {
                kind = await reader.ReadAsync(cancellationToken).ConfigureAwait(true);
            }
            catch (GitProtocolException e) when (e.Error == GitProtocolError.UnexpectedEnd && request.Haves.Count == 0)
            {
                // A request of wants only (git's "git fetch" of refs it already has): nothing to negotiate.
                break;
            }
            if (kind == PktLineKind.Flush) break;
            if (kind != PktLineKind.Data) throw Unexpected("a have line, flush or done");
            string line = reader.PayloadText;
            if (line == "done")
            {
                request.Done = true;
                break;
            }
            if (!line.StartsWith("have ", StringComparison.Ordinal)) throw Unexpected("a have line");
            request.Haves.Add(ParseId(line[5..], algorithm));
            if (request.Haves.Count > options.MaxHaves)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"more than {options.MaxHaves} haves");
        }
        return request;
    }

    /// <summary>A full-length lowercase or uppercase hex id of <paramref name="algorithm"/>.</summary>
    public static GitObjectId ParseId(string hex, GitHashAlgorithm algorithm)
    {
        if (hex.Length != GitObjectId.LengthOf(algorithm) * 2 || !GitObjectId.TryParse(hex, out GitObjectId id))
            throw new GitProtocolException(GitProtocolError.UnexpectedLine, $"'{Printable(hex)}' is not an object id");
        return id;
    }

    internal static string Printable(string text) =>
        text.Length > 80 ? Printable(text[..80]) + "..." : string.Concat(text.Select(c => c < 0x20 || c > 0x7e ? "?" : c.ToString()));

    private static GitProtocolException Unexpected(string expected) =>
        new(GitProtocolError.UnexpectedLine, $"expected {expected}");
}
