using System.Buffers;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync;

public sealed partial class GitSyncClient
{
    /// <summary>
    /// Pushes local refs of <paramref name="source"/> to <paramref name="url"/>. Each update is
    /// checked before anything is sent: unless <paramref name="force"/> (or the refspec's own
    /// force) is set, the remote's current tip must be an ancestor of the new tip in the local
    /// store — a tip the local store does not have is refused too (fetch first). Deletes need no
    /// force. The pack holds the objects reachable from the new tips and not from any advertised
    /// tip the local store has. The remote's verdict per ref (<c>ok</c>/<c>ng</c>) is in the result.
    /// </summary>
    /// <exception cref="ArgumentException">A refspec's source ref does not exist locally.</exception>
    /// <exception cref="GitProtocolException">The remote misbehaved, refused the connection, or failed to unpack.</exception>
    public async ValueTask<GitPushResult> PushAsync(GitRemoteUrl url, IStoreBackend source, IEnumerable<GitPushRefspec> refspecs, bool force = false,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(refspecs);
        IObjectStore objects = source.Objects;
        var specs = refspecs.ToList();
        var local = new List<GitObjectId?>();
        foreach (GitPushRefspec spec in specs)
        {
            local.Add(spec.Source is null ? null
                : source.Refs.Resolve(spec.Source) ?? throw new ArgumentException($"The local ref '{spec.Source}' does not exist.", nameof(refspecs)));
        }

        await using GitConnection connection = await ConnectAsync(url, "git-receive-pack", cancellationToken);
        PktLineReader reader = await connection.OpenAsync(cancellationToken);
        GitRefAdvertisement advertisement = await GitRefAdvertisement.ReadAsync(reader, objects.Algorithm, cancellationToken);

        var results = new GitRefUpdate[specs.Count];
        var commands = new List<int>();
        for (int i = 0; i < specs.Count; i++)
        {
            GitObjectId? old = advertisement.Find(specs[i].Destination)?.Id;
            results[i] = RefUpdatePlanner.Plan(objects, specs[i].Destination, old, local[i], force || specs[i].Force);
            if (results[i].Status == GitRefUpdateStatus.Deleted && !advertisement.Supports("delete-refs"))
                results[i] = results[i] with { Status = GitRefUpdateStatus.RejectedByRemote, Reason = "the remote does not support deleting refs" };
            if (results[i].Succeeded && results[i].Status != GitRefUpdateStatus.UpToDate)
                commands.Add(i);
        }
        if (commands.Count == 0)
        {
            if (url.Scheme == GitUrlScheme.Git)
                await connection.ExchangeAsync(FlushOnly(), cancellationToken);
            return new GitPushResult(results, 0);
        }

        bool sideBand = advertisement.Supports("side-band-64k");
        var request = new ArrayBufferWriter<byte>();
        var capabilities = new List<string> { "report-status" };
        if (sideBand)
            capabilities.Add("side-band-64k");
        if (progress is null && advertisement.Supports("quiet"))
            capabilities.Add("quiet");
        capabilities.Add(FetchNegotiation.Agent);
        string zero = new('0', GitObjectId.LengthOf(objects.Algorithm) * 2);
        for (int c = 0; c < commands.Count; c++)
        {
            GitRefUpdate update = results[commands[c]];
            string line = $"{update.OldId?.ToString() ?? zero} {update.NewId?.ToString() ?? zero} {update.Name}";
            PktLine.WriteText(request, c == 0 ? $"{line}\0{string.Join(' ', capabilities)}" : line);
        }
        PktLine.WriteSpecial(request, PktLineKind.Flush);
        int objectCount = 0;
        var tips = commands.Select(i => results[i].NewId).OfType<GitObjectId>().ToList();
        if (tips.Count > 0)
        {
            var theirs = advertisement.Refs.Select(r => r.Id);
            (byte[] pack, objectCount) = PushPack.Build(objects, tips, theirs, advertisement.Supports("ofs-delta"));
            request.Write(pack);
        }

        Stream response = await connection.ExchangeAsync(request.WrittenMemory, cancellationToken);
        var outer = new PktLineReader(response);
        PktLineReader status = sideBand ? new PktLineReader(new SideBandStream(outer, progress)) : outer;
        Dictionary<string, string?> verdicts = await PushReport.ReadAsync(status, commands.Count, cancellationToken);
        foreach (int i in commands)
        {
            if (!verdicts.TryGetValue(results[i].Name, out string? reason))
                results[i] = results[i] with { Status = GitRefUpdateStatus.RejectedByRemote, Reason = "the remote did not report on this ref" };
            else if (reason is not null)
                results[i] = results[i] with { Status = GitRefUpdateStatus.RejectedByRemote, Reason = reason };
        }
        return new GitPushResult(results, objectCount);
    }
}
