using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// An immutable map whose three-way merge works key by key: a key changed (added, updated or
/// removed) by one side only takes that side's version; a key both sides set merges its values
/// with the value merge (with the ancestor's value when the key existed there); a removal
/// against an update conflicts. All conflicting keys are reported, each under its key
/// (<see cref="object.ToString"/>) with the ancestor, our and their values. Keys are ordered by
/// <see cref="Comparer{T}.Default"/> (ordinal for strings) (a total order consistent with equality). Encoding: tag 'M',
/// a 4-byte count, then key/value pairs in ascending key order (decode rejects unsorted or
/// duplicate keys).
/// </summary>
public sealed class MergeableMap<TKey, TValue> : IEquatable<MergeableMap<TKey, TValue>>, IReadOnlyCollection<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    private const byte Tag = (byte)'M';
    private readonly ImmutableSortedDictionary<TKey, TValue> _items;

    private MergeableMap(ImmutableSortedDictionary<TKey, TValue> items) => _items = items;

    /// <summary>The empty map.</summary>
    public static MergeableMap<TKey, TValue> Empty { get; } = new(ImmutableSortedDictionary.Create<TKey, TValue>(ElementOrder<TKey>.Comparer));

    /// <summary>The number of keys.</summary>
    public int Count => _items.Count;

    /// <summary>The keys in ascending order.</summary>
    public IEnumerable<TKey> Keys => _items.Keys;

    /// <summary>The value under <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public TValue this[TKey key] => _items[key];

    /// <summary>
    /// The per-key merge described on the type, using <paramref name="valueMerge"/> for keys both
    /// sides set (and <see cref="EqualityComparer{T}.Default"/> to see which side changed a key).
    /// </summary>
    public static IMerge<MergeableMap<TKey, TValue>> Merger(IMerge<TValue> valueMerge)
    {
        IMerge<Optional<TValue>> perKey = Merges.Option(valueMerge ?? throw new ArgumentNullException(nameof(valueMerge)));
        return Merges.FromFunction<MergeableMap<TKey, TValue>>((a, o, t) =>
        {
            ImmutableSortedDictionary<TKey, TValue> ancestor = a.HasValue ? a.Value._items : Empty._items;
            var keys = ImmutableSortedSet.CreateRange(ElementOrder<TKey>.Comparer, ancestor.Keys.Concat(o._items.Keys).Concat(t._items.Keys));
            var result = ImmutableSortedDictionary.CreateBuilder<TKey, TValue>(ElementOrder<TKey>.Comparer);
            var conflicts = new List<MergeConflictItem>();
            foreach (TKey key in keys)
            {
                MergeResult<Optional<TValue>> r = perKey.Merge(Get(ancestor, key), Get(o._items, key), Get(t._items, key));
                if (!r.IsOk)
                {
                    conflicts.AddRange(r.Conflict!.Under(key.ToString() ?? string.Empty).Items);
                }
                else if (r.Value.HasValue)
                {
                    result.Add(key, r.Value.Value);
                }
            }

            return conflicts.Count > 0
                ? MergeResult<MergeableMap<TKey, TValue>>.Conflicted(new MergeConflict(conflicts))
                : MergeResult<MergeableMap<TKey, TValue>>.Ok(new MergeableMap<TKey, TValue>(result.ToImmutable()));
        });
    }

    /// <summary>True and the value when <paramref name="key"/> is present.</summary>
    public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value!);

    /// <summary>This map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public MergeableMap<TKey, TValue> SetItem(TKey key, TValue value) => new(_items.SetItem(key, value));

    /// <summary>This map without <paramref name="key"/>.</summary>
    public MergeableMap<TKey, TValue> Remove(TKey key) => new(_items.Remove(key));

    /// <summary>The entries in ascending key order.</summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both have the same keys with equal values (default equality).</summary>
    public bool Equals(MergeableMap<TKey, TValue>? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (KeyValuePair<TKey, TValue> kv in _items)
        {
            if (!other._items.TryGetValue(kv.Key, out TValue? v) || !EqualityComparer<TValue>.Default.Equals(kv.Value, v))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MergeableMap<TKey, TValue>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (KeyValuePair<TKey, TValue> kv in _items)
        {
            h.Add(kv.Key);
            h.Add(kv.Value);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _items.Select(kv => $"{kv.Key}: {kv.Value}")) + "}";

    /// <summary>The codec for maps nested in other mergeable values.</summary>
    public static IByteCodec<MergeableMap<TKey, TValue>> Codec(IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(keyCodec);
        ArgumentNullException.ThrowIfNull(valueCodec);
        return new DelegateCodec<MergeableMap<TKey, TValue>>((v, w) => EncodeTo(v, w, keyCodec, valueCodec), (ref MergeReader r) => DecodeFrom(ref r, keyCodec, valueCodec));
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode(IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec)
    {
        var w = new ArrayBufferWriter<byte>();
        Codec(keyCodec, valueCodec).Encode(this, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one map; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static MergeableMap<TKey, TValue> Decode(ReadOnlySpan<byte> source, IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(keyCodec);
        ArgumentNullException.ThrowIfNull(valueCodec);
        return DelegateCodec<MergeableMap<TKey, TValue>>.DecodeWhole(source, (ref MergeReader r) => DecodeFrom(ref r, keyCodec, valueCodec));
    }

    private static Optional<TValue> Get(ImmutableSortedDictionary<TKey, TValue> d, TKey key) =>
        d.TryGetValue(key, out TValue? v) ? new Optional<TValue>(v) : Optional<TValue>.None;

    private static void EncodeTo(MergeableMap<TKey, TValue> map, IBufferWriter<byte> w, IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteCount(w, map.Count);
        foreach (KeyValuePair<TKey, TValue> kv in map._items)
        {
            keyCodec.Encode(kv.Key, w);
            valueCodec.Encode(kv.Value, w);
        }
    }

    private static MergeableMap<TKey, TValue> DecodeFrom(ref MergeReader r, IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec)
    {
        r.ExpectTag(Tag);
        int n = r.ReadCount();
        var builder = ImmutableSortedDictionary.CreateBuilder<TKey, TValue>(ElementOrder<TKey>.Comparer);
        TKey previous = default!;
        for (int i = 0; i < n; i++)
        {
            TKey key = r.Read(keyCodec);
            if (i > 0 && ElementOrder<TKey>.Comparer.Compare(previous, key) >= 0)
            {
                MergeReader.Fail("Map keys are not in strictly ascending order.");
            }

            builder.Add(key, r.Read(valueCodec));
            previous = key;
        }

        return new MergeableMap<TKey, TValue>(builder.ToImmutable());
    }
}
