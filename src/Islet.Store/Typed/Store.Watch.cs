using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Islet.Store.Git;

namespace Islet.Store;

public sealed partial class Store<T>
{
    /// <summary>Calls <paramref name="callback"/> whenever <paramref name="branch"/> moves; see <see cref="BranchWatch"/>. Dispose the result to stop.</summary>
    public BranchWatch Watch(string branch, Action<BranchChange> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        string refName = RefNameOf(branch);
        return new BranchWatch(branch, refName, () => Backend.Refs.Resolve(refName), callback, _notifier, Options.WatchPollInterval, Options.Time);
    }

    /// <summary>The moves of <paramref name="branch"/> as an asynchronous stream, from the call on, until <paramref name="cancellationToken"/> is cancelled or the enumeration is disposed.</summary>
    public async IAsyncEnumerable<BranchChange> WatchAsync(string branch, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<BranchChange>(new UnboundedChannelOptions { SingleReader = true });
        using BranchWatch watch = Watch(branch, change => channel.Writer.TryWrite(change));
        await foreach (BranchChange change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return change;
    }

    /// <summary>The head of <paramref name="branch"/> the store sees now (for callers correlating watch reports).</summary>
    public GitObjectId? CurrentHead(string branch) => Backend.Refs.Resolve(RefNameOf(branch));
}
