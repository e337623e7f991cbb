using Islet.Store.Sync.Internal;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>Reads <c>prefix</c> (bytes a pkt-line reader had read ahead), then the rest of <c>inner</c>: the raw pack after a push's commands.</summary>
internal sealed class PrefixedReadStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyAsyncStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefix.IsEmpty) return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(true);
        int take = Math.Min(buffer.Length, _prefix.Length);
        _prefix[..take].CopyTo(buffer);
        _prefix = _prefix[take..];
        return take;
    }
}
