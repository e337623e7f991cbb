using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync;

public sealed partial class GitSyncClient
{
    /// <summary>
    /// Clones <paramref name="url"/> into <paramref name="target"/>, which must have no refs yet:
    /// by default like <c>git clone --bare</c> (branches and tags under their own names, HEAD
    /// pointing where the remote's HEAD points); with <c>Mirror = false</c> the branches become
    /// remote-tracking refs.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="target"/> already has refs.</exception>
    /// <exception cref="GitProtocolException">The remote misbehaved, refused, or sent an incomplete pack; no ref was written.</exception>
    public async ValueTask<GitFetchResult> CloneAsync(GitRemoteUrl url, IStoreBackend target, GitFetchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Refs.List().Count > 0)
            throw new InvalidOperationException("A clone needs a store without refs.");
        options ??= new GitFetchOptions { Mirror = true };
        GitFetchResult result = await FetchAsync(url, target, options, cancellationToken);
        string? head = result.Advertisement.HeadTarget;
        if (head is null && result.Advertisement.Find("HEAD") is { } advertisedHead)
            head = result.Advertisement.Refs.FirstOrDefault(r => r.Name.StartsWith("refs/heads/", StringComparison.Ordinal) && r.Id == advertisedHead.Id)?.Name;
        if (head is not null && head.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            if (options.Mirror)
                target.Refs.SetSymbolic("HEAD", head);
            else if (target.Refs.Read(TrackingName(options, head)) is not null)
                target.Refs.SetSymbolic($"refs/remotes/{options.RemoteName}/HEAD", TrackingName(options, head));
        }
        return result;
    }

    /// <summary>
    /// Fetches from <paramref name="url"/> into <paramref name="target"/>: negotiates what is
    /// missing, receives the pack into the object store, checks that every new ref's history is
    /// complete, then moves the local refs by compare-and-swap (see <see cref="GitFetchOptions"/>).
    /// </summary>
    /// <exception cref="GitProtocolException">The remote misbehaved, refused, or sent an incomplete pack; no ref was written.</exception>
    public async ValueTask<GitFetchResult> FetchAsync(GitRemoteUrl url, IStoreBackend target, GitFetchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        options ??= new GitFetchOptions();
        IObjectStore objects = target.Objects;
        await using GitConnection connection = await ConnectAsync(url, "git-upload-pack", cancellationToken);
        PktLineReader reader = await connection.OpenAsync(cancellationToken);
        GitRefAdvertisement advertisement = await GitRefAdvertisement.ReadAsync(reader, objects.Algorithm, cancellationToken);

        var mapped = new List<(string Local, GitObjectId Id)>();
        foreach (GitAdvertisedRef remote in advertisement.Refs)
        {
            string? local = LocalName(options, remote.Name);
            if (local is not null)
                mapped.Add((local, remote.Id));
        }
        var wants = mapped.Select(m => m.Id).Where(id => !objects.Contains(id)).Distinct().ToList();
        bool receivedPack = false;
        if (wants.Count == 0)
        {
            if (url.Scheme == GitUrlScheme.Git)
                await connection.ExchangeAsync(FlushOnly(), cancellationToken);
        }
        else
        {
            var complete = new HashSet<GitObjectId>();
            foreach (var existing in target.Refs.List())
            {
                if (target.Refs.Resolve(existing.Name) is GitObjectId id && objects.Contains(id))
                    complete.Add(id);
            }
            List<GitObjectId> haves = FetchNegotiation.ChooseHaves(objects, advertisement, complete, options.MaxHaves);
            byte[] request = FetchNegotiation.BuildRequest(advertisement, wants, haves, options.Progress is not null);
            Stream response = await connection.ExchangeAsync(request, cancellationToken);
            var responseReader = new PktLineReader(response);
            await FetchNegotiation.ReadAcknowledgementsAsync(responseReader, haves.Count, cancellationToken);
            var pack = new SideBandStream(responseReader, options.Progress);
            PackIngestResult received = await PackReception.ReceiveAsync(pack, objects, cancellationToken);
            receivedPack = true;
            if (ObjectGraph.FindMissing(objects, wants, complete, received.ObjectCount + received.ThinBasesAppended) is GitObjectId missing)
                throw new GitProtocolException(GitProtocolError.BadPack, $"The remote's pack does not complete the fetched history: object {missing} is missing.");
        }

        var updates = new List<GitRefUpdate>();
        foreach ((string local, GitObjectId id) in mapped.OrderBy(m => m.Local, StringComparer.Ordinal))
        {
            GitObjectId? old = target.Refs.Read(local) is { IsSymbolic: false } value ? value.Id : null;
            bool force = options.Force || (!options.Mirror && local.StartsWith("refs/remotes/", StringComparison.Ordinal));
            GitRefUpdate plan = RefUpdatePlanner.Plan(objects, local, old, id, force);
            updates.Add(RefUpdatePlanner.Apply(target.Refs, plan));
        }
        return new GitFetchResult(advertisement, updates, receivedPack);
    }

    /// <summary>The local ref a remote ref lands in, or null when the options do not fetch it.</summary>
    internal static string? LocalName(GitFetchOptions options, string remote)
    {
        if (remote.StartsWith("refs/heads/", StringComparison.Ordinal))
            return options.Mirror ? remote : TrackingName(options, remote);
        if (remote.StartsWith("refs/tags/", StringComparison.Ordinal) && options.Tags)
            return remote;
        return null;
    }

    private static string TrackingName(GitFetchOptions options, string branch) =>
        $"refs/remotes/{options.RemoteName}/{branch["refs/heads/".Length..]}";
}
