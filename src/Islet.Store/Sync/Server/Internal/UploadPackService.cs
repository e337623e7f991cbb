using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Answers one stateless upload-pack request (gitprotocol-pack, gitprotocol-http): the ACK/NAK
/// lines of <c>multi_ack_detailed</c> negotiation (as git's upload-pack writes them), then, when the
/// client said <c>done</c> or (with <c>no-done</c>) the server is ready, a pack of every object
/// reachable from the wants but not from the common haves, in side-band-64k channel 1.
/// </summary>
/// <remarks>Full packs only (thin-pack is not advertised); no shallow clones or filters. With <c>include-tag</c>, annotated tags of sent commits go along.</remarks>
internal sealed class UploadPackService(GitServedRepository repository, GitServerOptions options)
{
    /// <summary>The capabilities upload-pack advertises.</summary>
    public static string Capabilities(GitServerOptions options, GitHashAlgorithm algorithm) =>
        $"multi_ack_detailed side-band-64k ofs-delta no-done include-tag agent={options.Agent} object-format={(algorithm == GitHashAlgorithm.Sha256 ? "sha256" : "sha1")}";

    /// <summary>
    /// Writes the answer to <paramref name="writer"/>. An unknown want raises
    /// <see cref="GitProtocolException"/> (<see cref="GitProtocolError.Rejected"/>) before anything is written.
    /// </summary>
    public async ValueTask ServeAsync(UploadPackRequest request, PktLineStreamWriter writer, CancellationToken cancellationToken)
    {
        var store = repository.Backend.Objects;
        var graph = new ObjectGraph(store, options.MaxObjects);
        var advertised = RefAdvertisement.Read(repository.Backend, graph);
        foreach (GitObjectId want in request.Wants)
        {
            if (!advertised.Tips.Contains(want))
                throw new GitProtocolException(GitProtocolError.Rejected, $"upload-pack: not our ref {want}");
        }
        repository.Statistics.UploadPackRequests++;

        int multiAck = request.Capabilities.Contains("multi_ack_detailed") ? 2 : request.Capabilities.Contains("multi_ack") ? 1 : 0;
        var common = new List<GitObjectId>();
        var commonSet = new HashSet<GitObjectId>();
        bool gotOther = false;
        foreach (GitObjectId have in request.Haves)
        {
            if (!store.Contains(have))
            {
                gotOther = true;
                continue;
            }
            if (!commonSet.Add(have)) continue;
            common.Add(have);
            if (multiAck == 2) writer.Text($"ACK {have} common");
            else if (multiAck == 1) writer.Text($"ACK {have} continue");
            else if (common.Count == 1) writer.Text($"ACK {have}");
        }

        bool sendPack;
        if (request.Done)
        {
            if (common.Count == 0) writer.Text("NAK");
            else if (multiAck > 0) writer.Text($"ACK {common[^1]}");
            sendPack = true;
        }
        else
        {
            bool ready = multiAck == 2 && common.Count > 0 && !gotOther && IsReady(graph, request.Wants, commonSet);
            if (ready) writer.Text($"ACK {common[^1]} ready");
            if (common.Count == 0 || multiAck > 0) writer.Text("NAK");
            sendPack = ready && request.Capabilities.Contains("no-done");
            if (sendPack) writer.Text($"ACK {common[^1]}");
        }
        if (!sendPack)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(true);
            return;
        }

        List<GitObjectId> objects = await PlanPackAsync(graph, advertised, request, common).ConfigureAwait(true);
        int sideBand = request.Capabilities.Contains("side-band-64k") ? PktLine.MaxLength : request.Capabilities.Contains("side-band") ? 1000 : 0;
        bool deltas = request.Capabilities.Contains("ofs-delta");
        var pack = new PackStreamWriter(store.Algorithm, deltas ? PackWriter.DefaultWindow : 0, deltas ? PackWriter.DefaultMaxDepth : 0, System.IO.Compression.CompressionLevel.Optimal);
        // Objects the store keeps whole in a pack go out as stored (git's pack reuse); the rest are encoded.
        await pack.WriteAsync(objects, id =>
                store.TryReadStoredEntry(id, out GitObjectType storedType, out long size, out byte[] deflated) ? PackStreamObject.Reuse(storedType, size, deflated)
                : store.TryRead(id, out GitObjectType type, out byte[] content) ? PackStreamObject.Encode(type, content)
                : throw ObjectGraph.MissingObject(id),
            (chunk, token) => writer.SideBandAsync(1, chunk, sideBand, token), cancellationToken).ConfigureAwait(true);
        if (sideBand > 0) writer.Flush();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(true);
        repository.Statistics.PacksSent++;
        repository.Statistics.ObjectsSent += objects.Count;
        repository.Statistics.PackBytesSent += pack.Length;
        repository.Statistics.LastPackObjects = objects.Count;
    }

    /// <summary>
    /// git's ok_to_give_up, simplified: every want that is a commit reaches a common have. Only an
    /// optimisation (it lets the client stop sending haves); when in doubt it says no.
    /// </summary>
    private static bool IsReady(ObjectGraph graph, List<GitObjectId> wants, HashSet<GitObjectId> common)
    {
        foreach (GitObjectId want in wants)
        {
            if (graph.Peel(want) is not { Type: GitObjectType.Commit } peeled) return false;
            if (!graph.CommitClosure([peeled.Id]).Overlaps(common)) return false;
        }
        return true;
    }

    /// <summary>
    /// The pack's objects, in the order they will be written: everything reachable from the wants,
    /// minus commits the client has and the trees of the boundary commits. Contents are read to walk
    /// the graph and dropped (the pack reads each again when it writes it), and the walk yields to the
    /// event loop every <see cref="PlanYieldEvery"/> objects, so a large clone does not hold the loop.
    /// With deltas the order is PackWriter's (type, path, size from largest, id), which puts likely
    /// bases side by side; without, the order of the walk.
    /// </summary>
    private async ValueTask<List<GitObjectId>> PlanPackAsync(ObjectGraph graph, RefAdvertisement advertised, UploadPackRequest request, List<GitObjectId> common)
    {
        HashSet<GitObjectId> clientCommits = graph.CommitClosure(common);
        var boundary = new HashSet<GitObjectId>();
        var stack = new Stack<GitObjectId>();
        var seen = new HashSet<GitObjectId>();
        foreach (GitObjectId want in request.Wants)
        {
            if (graph.Peel(want) is { Type: GitObjectType.Commit } peeled) stack.Push(peeled.Id);
        }
        while (stack.Count > 0)
        {
            GitObjectId commit = stack.Pop();
            if (clientCommits.Contains(commit))
            {
                boundary.Add(commit);
                continue;
            }
            if (!seen.Add(commit)) continue;
            if (seen.Count > options.MaxObjects)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"more than {options.MaxObjects} commits to send");
            foreach (GitObjectId parent in graph.Parents(commit) ?? []) stack.Push(parent);
            if (seen.Count % PlanYieldEvery == 0) await Task.Yield();
        }
        HashSet<GitObjectId> clientObjects = boundary.Count == 0 ? [] : graph.TreeContents(boundary);

        var planned = new List<PlannedObject>();
        var sent = new HashSet<GitObjectId>();
        async ValueTask AddAll(IEnumerable<WalkedObject> walk)
        {
            foreach (WalkedObject walked in walk)
            {
                if (walked.Content is null) throw ObjectGraph.MissingObject(walked.Id);
                planned.Add(new PlannedObject(walked.Id, walked.Type, walked.Path, walked.Content.Length));
                sent.Add(walked.Id);
                if (planned.Count % PlanYieldEvery == 0) await Task.Yield();
            }
        }
        await AddAll(graph.Enumerate(request.Wants, clientCommits, clientObjects)).ConfigureAwait(true);
        if (request.Capabilities.Contains("include-tag"))
        {
            // gitprotocol-capabilities include-tag: annotated tags whose object is being sent go along.
            foreach ((GitObjectId id, string name) in advertised.Lines)
            {
                if (!name.StartsWith("refs/tags/", StringComparison.Ordinal) || name.EndsWith("^{}", StringComparison.Ordinal) || sent.Contains(id)) continue;
                if (graph.TypeOf(id) != GitObjectType.Tag || graph.Peel(id) is not { } peeled || !sent.Contains(peeled.Id)) continue;
                await AddAll(graph.Enumerate([id], clientCommits, sent).Select(t => t with { Path = "" })).ConfigureAwait(true);
            }
        }
        IEnumerable<PlannedObject> order = request.Capabilities.Contains("ofs-delta")
            ? planned.OrderBy(o => o.Type).ThenBy(o => o.Path, StringComparer.Ordinal).ThenByDescending(o => o.Size).ThenBy(o => o.Id)
            : planned;
        return order.Select(o => o.Id).ToList();
    }

    /// <summary>Objects (or commits) walked between two yields to the event loop while a pack is planned.</summary>
    private const int PlanYieldEvery = 1024;

    private readonly record struct PlannedObject(GitObjectId Id, GitObjectType Type, string Path, int Size);
}
