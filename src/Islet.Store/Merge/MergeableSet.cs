using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// An immutable set whose three-way merge applies both sides' additions and removals relative to
/// the ancestor: an element is in the result when it was added by either side, or was in the
/// ancestor and neither side removed it. Never conflicts (add and remove of different elements
/// commute; an element cannot be both added and removed by one side). Elements are ordered by
/// <see cref="Comparer{T}.Default"/> (ordinal for strings), which must be a total order consistent with equality.
/// Encoding: tag 'S', a 4-byte count, then the elements in ascending order (decode rejects
/// unsorted or duplicate elements, so equal sets have equal bytes).
/// </summary>
public sealed class MergeableSet<T> : IEquatable<MergeableSet<T>>, IReadOnlyCollection<T>
    where T : notnull
{
    private const byte Tag = (byte)'S';
    private readonly ImmutableSortedSet<T> _items;

    private MergeableSet(ImmutableSortedSet<T> items) => _items = items;

    /// <summary>The empty set.</summary>
    public static MergeableSet<T> Empty { get; } = new(ImmutableSortedSet.Create(ElementOrder<T>.Comparer));

    /// <summary>The three-way set merge described on the type.</summary>
    public static IMerge<MergeableSet<T>> Merger { get; } = Merges.FromFunction<MergeableSet<T>>((a, o, t) =>
    {
        ImmutableSortedSet<T> ancestor = a.HasValue ? a.Value._items : Empty._items;
        ImmutableSortedSet<T> kept = ancestor.Intersect(o._items).Intersect(t._items);
        ImmutableSortedSet<T> result = kept.Union(o._items.Except(ancestor)).Union(t._items.Except(ancestor));
        return MergeResult<MergeableSet<T>>.Ok(new MergeableSet<T>(result));
    });

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>A set of the given elements (duplicates collapse).</summary>
    public static MergeableSet<T> Of(IEnumerable<T> items) => new(ImmutableSortedSet.CreateRange(ElementOrder<T>.Comparer, items));

    /// <summary>True when <paramref name="item"/> is a member.</summary>
    public bool Contains(T item) => _items.Contains(item);

    /// <summary>This set with <paramref name="item"/> added.</summary>
    public MergeableSet<T> Add(T item) => new(_items.Add(item));

    /// <summary>This set without <paramref name="item"/>.</summary>
    public MergeableSet<T> Remove(T item) => new(_items.Remove(item));

    /// <summary>The elements in ascending order.</summary>
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both hold the same elements.</summary>
    public bool Equals(MergeableSet<T>? other) => other is not null && _items.SetEquals(other._items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MergeableSet<T>);

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
    public override string ToString() => "{" + string.Join(", ", _items) + "}";

    /// <summary>The codec for sets nested in other mergeable values.</summary>
    public static IByteCodec<MergeableSet<T>> Codec(IByteCodec<T> elementCodec)
    {
        ArgumentNullException.ThrowIfNull(elementCodec);
        return new DelegateCodec<MergeableSet<T>>((v, w) => EncodeTo(v, w, elementCodec), (ref MergeReader r) => DecodeFrom(ref r, elementCodec));
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode(IByteCodec<T> elementCodec)
    {
        ArgumentNullException.ThrowIfNull(elementCodec);
        var w = new ArrayBufferWriter<byte>();
        EncodeTo(this, w, elementCodec);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one set; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static MergeableSet<T> Decode(ReadOnlySpan<byte> source, IByteCodec<T> elementCodec)
    {
        ArgumentNullException.ThrowIfNull(elementCodec);
        return DelegateCodec<MergeableSet<T>>.DecodeWhole(source, (ref MergeReader r) => DecodeFrom(ref r, elementCodec));
    }

    private static void EncodeTo(MergeableSet<T> set, IBufferWriter<byte> w, IByteCodec<T> codec)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteCount(w, set.Count);
        foreach (T item in set._items)
        {
            codec.Encode(item, w);
        }
    }

    private static MergeableSet<T> DecodeFrom(ref MergeReader r, IByteCodec<T> codec)
    {
        r.ExpectTag(Tag);
        int n = r.ReadCount();
        var builder = ImmutableSortedSet.CreateBuilder(ElementOrder<T>.Comparer);
        T previous = default!;
        for (int i = 0; i < n; i++)
        {
            T item = r.Read(codec);
            if (i > 0 && ElementOrder<T>.Comparer.Compare(previous, item) >= 0)
            {
                MergeReader.Fail("Set elements are not in strictly ascending order.");
            }

            builder.Add(item);
            previous = item;
        }

        return new MergeableSet<T>(builder.ToImmutable());
    }
}
