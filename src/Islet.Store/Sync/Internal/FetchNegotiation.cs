using System.Buffers;
using Islet.Store.Backends;
using Islet.Store.Git;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// The upload-pack request and the acknowledgements before the pack (gitprotocol-pack
/// "Packfile Negotiation"). The client sends its wants, then at most a bounded number of haves
/// and <c>done</c> in the same request, so the exchange is one round on both git:// and
/// stateless HTTP: the server answers with <c>ACK</c>/<c>NAK</c> lines and then the pack.
/// </summary>
internal static class FetchNegotiation
{
    /// <summary>The client's agent string.</summary>
    public const string Agent = "agent=islet/1";

    /// <summary>
    /// Haves, best first: advertised tips we already have (certainly common), then our ref tips
    /// and their ancestors, newest commit first, up to <paramref name="limit"/>.
    /// </summary>
    public static List<GitObjectId> ChooseHaves(IObjectStore objects, GitRefAdvertisement advertisement, IEnumerable<GitObjectId> localTips, int limit)
    {
        var haves = new List<GitObjectId>();
        var seen = new HashSet<GitObjectId>();
        foreach (GitAdvertisedRef remote in advertisement.Refs)
        {
            if (haves.Count < limit && objects.Contains(remote.Id) && seen.Add(remote.Id))
                haves.Add(remote.Id);
        }
        var queue = new PriorityQueue<GitObjectId, long>();
        foreach (GitObjectId tip in localTips)
        {
            if (ObjectGraph.PeelToCommit(objects, tip) is GitObjectId commit && seen.Add(commit))
                queue.Enqueue(commit, 0);
        }
        while (haves.Count < limit && queue.TryDequeue(out GitObjectId id, out _))
        {
            haves.Add(id);
            if (!objects.TryRead(id, out GitObjectType type, out byte[] content) || type != GitObjectType.Commit)
                continue;
            foreach (GitObjectId parent in GitCommit.Parse(content, objects.Algorithm).Parents)
            {
                if (seen.Add(parent) && objects.TryRead(parent, out GitObjectType parentType, out byte[] parentContent) && parentType == GitObjectType.Commit)
                    queue.Enqueue(parent, -GitCommit.Parse(parentContent, objects.Algorithm).Committer.Seconds);
            }
        }
        return haves;
    }

    /// <summary>The request: wants (capabilities on the first), flush, haves, <c>done</c>.</summary>
    /// <exception cref="GitProtocolException">The remote offers no side-band (Unsupported).</exception>
    public static byte[] BuildRequest(GitRefAdvertisement advertisement, IReadOnlyList<GitObjectId> wants, IReadOnlyList<GitObjectId> haves, bool progress)
    {
        var capabilities = new List<string>();
        if (advertisement.Supports("multi_ack_detailed"))
            capabilities.Add("multi_ack_detailed");
        else if (advertisement.Supports("multi_ack"))
            capabilities.Add("multi_ack");
        if (advertisement.Supports("side-band-64k"))
            capabilities.Add("side-band-64k");
        else if (advertisement.Supports("side-band"))
            capabilities.Add("side-band");
        else
            throw new GitProtocolException(GitProtocolError.Unsupported, "The remote offers no side-band; this client needs it.");
        if (advertisement.Supports("ofs-delta"))
            capabilities.Add("ofs-delta");
        if (!progress && advertisement.Supports("no-progress"))
            capabilities.Add("no-progress");
        capabilities.Add(Agent);

        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < wants.Count; i++)
            PktLine.WriteText(output, i == 0 ? $"want {wants[i]} {string.Join(' ', capabilities)}" : $"want {wants[i]}");
        PktLine.WriteSpecial(output, PktLineKind.Flush);
        foreach (GitObjectId have in haves)
            PktLine.WriteText(output, $"have {have}");
        PktLine.WriteText(output, "done");
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Reads ACK/NAK lines up to the final <c>ACK id</c> or <c>NAK</c>; the pack follows.</summary>
    /// <exception cref="GitProtocolException">An ERR line (RemoteError) or anything else unexpected.</exception>
    public static async ValueTask ReadAcknowledgementsAsync(PktLineReader reader, int haveCount, CancellationToken cancellationToken)
    {
        for (int line = 0; line <= haveCount + 2; line++)
        {
            if (await reader.ReadAsync(cancellationToken) != PktLineKind.Data)
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote sent a flush-pkt where ACK or NAK belongs.");
            string text = reader.PayloadText;
            if (text == "NAK")
                return;
            if (text.StartsWith("ERR ", StringComparison.Ordinal))
                throw new GitProtocolException(GitProtocolError.RemoteError, $"The remote refused: {text[4..]}");
            string[] parts = text.Split(' ');
            if (parts.Length < 2 || parts[0] != "ACK" || !GitObjectId.TryParse(parts[1], out _))
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote sent a malformed acknowledgement.");
            if (parts.Length == 2)
                return;
        }
        throw new GitProtocolException(GitProtocolError.LimitExceeded, "The remote sent more acknowledgements than haves.");
    }
}
