using System.Buffers;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Refs;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// Carries out one push (gitprotocol-pack "Pushing Data To a Server"): ingests the pack with
/// <see cref="PackIngester"/>, checks that every new tip is connected (each object reachable from it
/// is stored, down to commits the existing refs already reach), then updates each ref by
/// compare-and-swap under the repository's <see cref="GitRepositoryPolicy"/>, and reports with
/// <c>report-status</c> (in side-band-64k channel 1 when asked).
/// </summary>
/// <remarks>
/// A pack that fails to ingest changes nothing: every command gets <c>ng REF unpacker error</c>. A
/// pack that ingests but leaves a tip unconnected changes no ref (its objects stay, unreachable,
/// until garbage collection). Commands are applied one by one, or with <c>atomic</c> all or none
/// (checked first; if a compare-and-swap then loses a race, the refs already moved are set back).
/// </remarks>
internal sealed class ReceivePackService(GitServedRepository repository, GitServerOptions options)
{
    /// <summary>The capabilities receive-pack advertises.</summary>
    public static string Capabilities(GitServerOptions options, GitHashAlgorithm algorithm) =>
        $"report-status delete-refs side-band-64k quiet atomic ofs-delta agent={options.Agent} object-format={(algorithm == GitHashAlgorithm.Sha256 ? "sha256" : "sha1")}";

    /// <summary>Runs the push and writes the report to <paramref name="writer"/>.</summary>
    public async ValueTask ServeAsync(ReceivePackRequest request, PktLineStreamWriter writer, CancellationToken cancellationToken)
    {
        repository.Statistics.ReceivePackRequests++;
        var store = repository.Backend.Objects;
        var refs = repository.Backend.Refs;
        var zero = GitObjectId.FromBytes(new byte[GitObjectId.LengthOf(store.Algorithm)]);
        var results = new string?[request.Commands.Count];
        string unpack = "ok";
        bool anyUpdate = request.Commands.Exists(c => c.New != zero);
        if (anyUpdate)
        {
            try
            {
                await using FileStream pack = await PackSpool.SpoolAsync(request.Pack, cancellationToken).ConfigureAwait(true);
                await PackIngester.IngestAsync(pack, store, new PackIngestOptions { MaxObjects = options.MaxObjects, AllowThin = true }, cancellationToken).ConfigureAwait(true);
            }
            catch (Exception e) when (e is GitPackException or GitProtocolException or GitFormatException or IOException or InvalidDataException)
            {
                unpack = OneLine(e.Message);
                repository.Statistics.PacksRejected++;
                Array.Fill(results, "unpacker error");
            }
        }

        var graph = new ObjectGraph(store, options.MaxObjects);
        if (unpack == "ok" && anyUpdate && !IsConnected(graph, refs, request, zero))
        {
            repository.Statistics.PacksRejected++;
            Array.Fill(results, "missing necessary objects");
        }
        string? headTarget = refs.Read("HEAD") is { IsSymbolic: true } head ? head.SymbolicTarget : null;
        bool atomic = request.Capabilities.Contains("atomic");
        if (atomic)
        {
            // All or nothing: check every command first, then apply; undo the applied ones if one loses a race.
            for (int i = 0; i < results.Length; i++)
                results[i] ??= Apply(graph, Command(request, i, zero), headTarget, commit: false);
            if (Array.TrueForAll(results, r => r is null)) ApplyAtomically(graph, request, zero, headTarget, results);
            else FillRest(results, "atomic push failure");
        }
        for (int i = 0; i < results.Length && !atomic; i++)
        {
            if (results[i] is not null) continue;
            results[i] = Apply(graph, Command(request, i, zero), headTarget, commit: true);
            if (results[i] is null) repository.Statistics.RefsUpdated++;
        }

        if (!request.Capabilities.Contains("report-status"))
        {
            if (request.Capabilities.Contains("side-band-64k")) writer.Flush();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(true);
            return;
        }
        var report = new ArrayBufferWriter<byte>();
        PktLine.WriteText(report, "unpack " + unpack);
        for (int i = 0; i < results.Length; i++)
        {
            string name = request.Commands[i].Ref;
            PktLine.WriteText(report, results[i] is null ? $"ok {name}" : $"ng {name} {results[i]}");
        }
        PktLine.WriteSpecial(report, PktLineKind.Flush);
        bool sideBand = request.Capabilities.Contains("side-band-64k");
        await writer.SideBandAsync(1, report.WrittenMemory, sideBand ? PktLine.MaxLength : 0, cancellationToken).ConfigureAwait(true);
        if (sideBand) writer.Flush();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Every object reachable from each new tip is stored, down to commits some existing ref already reaches.</summary>
    private static bool IsConnected(ObjectGraph graph, Backends.IRefStore refs, ReceivePackRequest request, GitObjectId zero)
    {
        var existingTips = new List<GitObjectId>();
        foreach (GitRef reference in refs.List("refs/"))
        {
            if (!reference.Value.IsSymbolic) existingTips.Add(reference.Value.Id);
        }
        HashSet<GitObjectId> known = graph.CommitClosure(existingTips);
        var tips = request.Commands.Where(c => c.New != zero).Select(c => c.New).ToList();
        foreach (GitObjectId tip in tips)
        {
            if (!graph.Store.Contains(tip)) return false;
        }
        return graph.Walk(tips, known, [], null, requireComplete: true);
    }

    private static (GitObjectId? Old, GitObjectId? New, string Name) Command(ReceivePackRequest request, int i, GitObjectId zero)
    {
        (GitObjectId old, GitObjectId @new, string name) = request.Commands[i];
        return (old == zero ? null : old, @new == zero ? null : @new, name);
    }

    private static void FillRest(string?[] results, string reason)
    {
        for (int i = 0; i < results.Length; i++) results[i] ??= reason;
    }

    /// <summary>Applies every (already checked) command; when one fails, the applied ones are set back and every command fails.</summary>
    private void ApplyAtomically(ObjectGraph graph, ReceivePackRequest request, GitObjectId zero, string? headTarget, string?[] results)
    {
        var refs = repository.Backend.Refs;
        var applied = new List<(GitObjectId? Old, GitObjectId? New, string Name)>();
        for (int i = 0; i < results.Length; i++)
        {
            var command = Command(request, i, zero);
            results[i] = Apply(graph, command, headTarget, commit: true);
            if (results[i] is not null)
            {
                foreach ((GitObjectId? old, GitObjectId? @new, string name) in Enumerable.Reverse(applied))
                {
                    if (@new is { } current && old is { } previous) refs.TryUpdate(name, current, previous);
                    else if (@new is { } created) refs.TryDelete(name, created);
                    else if (old is { } deleted) refs.TryUpdate(name, null, deleted);
                }
                Array.Fill(results, null, 0, i);
                FillRest(results, "atomic push failure");
                return;
            }
            applied.Add(command);
        }
        repository.Statistics.RefsUpdated += applied.Count;
    }

    /// <summary>
    /// Checks one command and, when <paramref name="commit"/>, applies it by compare-and-swap; null when it
    /// passed (and was applied), else the reason for <c>ng</c>.
    /// </summary>
    private string? Apply(ObjectGraph graph, (GitObjectId? Old, GitObjectId? New, string Name) command, string? headTarget, bool commit)
    {
        (GitObjectId? old, GitObjectId? @new, string name) = command;
        if (!name.StartsWith("refs/", StringComparison.Ordinal) || !GitRefName.IsStorable(name)) return "funny refname";
        var refs = repository.Backend.Refs;
        var policy = repository.Policy;
        try
        {
            if (@new is not { } target)
            {
                if (policy.DenyDeleteCurrent && name == headTarget) return "deletion of the current branch prohibited";
                if (old is not { } expected) return "delete without an old id";
                return !commit || refs.TryDelete(name, expected) ? null : "fetch first";
            }
            if (name.StartsWith("refs/heads/", StringComparison.Ordinal) && graph.TypeOf(target) != GitObjectType.Commit)
                return "cannot update a branch to a non-commit object";
            if (policy.DenyNonFastForwards && old is { } previous && graph.TypeOf(previous) == GitObjectType.Commit && !graph.IsAncestor(previous, target))
                return "non-fast-forward";
            return !commit || refs.TryUpdate(name, old, target) ? null : "fetch first";
        }
        catch (GitRefException e)
        {
            return OneLine(e.Message);
        }
    }

    private static string OneLine(string message) =>
        string.Concat(message.Select(c => c < 0x20 || c == 0x7f ? ' ' : c)) is var text && text.Length > 200 ? text[..200] : text;
}
