using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// An immutable FIFO queue whose three-way merge keeps every element pushed by either side that
/// neither side popped. Each side is read as "the ancestor with k elements popped from the front,
/// then new elements pushed" (the smallest such k, so repeated values are read as not popped);
/// the result is the ancestor with max(k_ours, k_theirs) elements popped, then both sides' pushes
/// as two blocks, each in its own push order, the block that is lexicographically smaller
/// (<see cref="Comparer{T}.Default"/> (ordinal for strings)) first, so the result does not depend on which side is ours.
/// Equal sides merge to themselves.
/// <para>A concurrent pop of the same element (both sides popped the ancestor's head) removes it
/// once: both branches have received it, so across branches a queue gives at-least-once delivery
/// (an element may be consumed by each branch), never loss.</para>
/// Encoding: tag 'Q', a 4-byte count, then the elements front to back.
/// </summary>
public sealed class MergeableQueue<T> : IEquatable<MergeableQueue<T>>, IReadOnlyCollection<T>
{
    private const byte Tag = (byte)'Q';
    private readonly ImmutableList<T> _items;

    private MergeableQueue(ImmutableList<T> items) => _items = items;

    /// <summary>The empty queue.</summary>
    public static MergeableQueue<T> Empty { get; } = new(ImmutableList<T>.Empty);

    /// <summary>The queue merge described on the type; never conflicts.</summary>
    public static IMerge<MergeableQueue<T>> Merger { get; } = Merges.FromFunction<MergeableQueue<T>>((a, o, t) =>
    {
        if (o.Equals(t))
        {
            return MergeResult<MergeableQueue<T>>.Ok(o);
        }

        ImmutableList<T> ancestor = a.HasValue ? a.Value._items : ImmutableList<T>.Empty;
        int popsOurs = Pops(ancestor, o._items);
        int popsTheirs = Pops(ancestor, t._items);
        ImmutableList<T> pushedOurs = o._items.RemoveRange(0, ancestor.Count - popsOurs);
        ImmutableList<T> pushedTheirs = t._items.RemoveRange(0, ancestor.Count - popsTheirs);
        bool oursFirst = Lexicographic(pushedOurs, pushedTheirs) <= 0;
        ImmutableList<T> result = ancestor.RemoveRange(0, Math.Max(popsOurs, popsTheirs))
            .AddRange(oursFirst ? pushedOurs : pushedTheirs)
            .AddRange(oursFirst ? pushedTheirs : pushedOurs);
        return MergeResult<MergeableQueue<T>>.Ok(new MergeableQueue<T>(result));
    });

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>The queue of the given elements, front first.</summary>
    public static MergeableQueue<T> Of(IEnumerable<T> items) => new(ImmutableList.CreateRange(items));

    /// <summary>This queue with <paramref name="item"/> pushed at the back.</summary>
    public MergeableQueue<T> Push(T item) => new(_items.Add(item));

    /// <summary>
    /// When the queue is not empty: true, its front element in <paramref name="item"/> and the rest
    /// in <paramref name="rest"/>. When empty: false, and <paramref name="rest"/> is this queue.
    /// </summary>
    public bool TryPop(out T item, out MergeableQueue<T> rest)
    {
        if (_items.Count == 0)
        {
            item = default!;
            rest = this;
            return false;
        }

        item = _items[0];
        rest = new MergeableQueue<T>(_items.RemoveAt(0));
        return true;
    }

    /// <summary>The elements front to back.</summary>
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both hold the same elements in the same order.</summary>
    public bool Equals(MergeableQueue<T>? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MergeableQueue<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (T item in _items)
        {
            h.Add(item);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    /// <summary>The codec for queues nested in other mergeable values.</summary>
    public static IByteCodec<MergeableQueue<T>> Codec(IByteCodec<T> elementCodec)
    {
        ArgumentNullException.ThrowIfNull(elementCodec);
        return new DelegateCodec<MergeableQueue<T>>((v, w) => EncodeTo(v, w, elementCodec), (ref MergeReader r) => DecodeFrom(ref r, elementCodec));
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode(IByteCodec<T> elementCodec)
    {
        var w = new ArrayBufferWriter<byte>();
        Codec(elementCodec).Encode(this, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one queue; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static MergeableQueue<T> Decode(ReadOnlySpan<byte> source, IByteCodec<T> elementCodec)
    {
        ArgumentNullException.ThrowIfNull(elementCodec);
        return DelegateCodec<MergeableQueue<T>>.DecodeWhole(source, (ref MergeReader r) => DecodeFrom(ref r, elementCodec));
    }

    /// <summary>The fewest pops k such that <paramref name="side"/> starts with ancestor[k..]; at most ancestor.Count.</summary>
    private static int Pops(ImmutableList<T> ancestor, ImmutableList<T> side)
    {
        for (int k = 0; k < ancestor.Count; k++)
        {
            int rest = ancestor.Count - k;
            if (rest <= side.Count && StartsWith(side, ancestor, k))
            {
                return k;
            }
        }

        return ancestor.Count;
    }

    private static bool StartsWith(ImmutableList<T> side, ImmutableList<T> ancestor, int from)
    {
        for (int i = from; i < ancestor.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(side[i - from], ancestor[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Lexicographic(ImmutableList<T> x, ImmutableList<T> y)
    {
        for (int i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            int c = ElementOrder<T>.Comparer.Compare(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    private static void EncodeTo(MergeableQueue<T> queue, IBufferWriter<byte> w, IByteCodec<T> codec)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteCount(w, queue.Count);
        foreach (T item in queue._items)
        {
            codec.Encode(item, w);
        }
    }

    private static MergeableQueue<T> DecodeFrom(ref MergeReader r, IByteCodec<T> codec)
    {
        r.ExpectTag(Tag);
        int n = r.ReadCount();
        var builder = ImmutableList.CreateBuilder<T>();
        for (int i = 0; i < n; i++)
        {
            builder.Add(r.Read(codec));
        }

        return new MergeableQueue<T>(builder.ToImmutable());
    }
}
