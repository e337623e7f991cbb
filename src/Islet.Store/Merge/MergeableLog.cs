using System.Buffers;
using System.Collections;
using System.Collections.Immutable;
using Islet.Store.Merge.Internal;

namespace Islet.Store.Merge;

/// <summary>
/// An append-only log of timestamped entries, kept in timestamp order (ties broken by the value's
/// <see cref="Comparer{T}.Default"/>, so the order never depends on which replica appended first).
/// A merge is the ancestor plus both sides' new entries, in that order. An entry (same timestamp,
/// same value) appended by both sides counts once per side's multiplicity, not twice: the result
/// holds each entry as many times as the side holding it most often, which makes the merge
/// idempotent, commutative and associative. Include a writer id in <typeparamref name="T"/> when two
/// writers may log identical entries that must both survive. A side that lost an ancestor entry
/// (only possible through decoding, since the log is append-only) conflicts.
/// Encoding: tag 'L', a 4-byte count, then (timestamp 8 bytes LE, value) in log order (decode
/// rejects entries out of order).
/// </summary>
public sealed class MergeableLog<T> : IEquatable<MergeableLog<T>>, IReadOnlyList<LogEntry<T>>
{
    private const byte Tag = (byte)'L';
    private readonly ImmutableList<LogEntry<T>> _entries;

    private MergeableLog(ImmutableList<LogEntry<T>> entries) => _entries = entries;

    /// <summary>The empty log.</summary>
    public static MergeableLog<T> Empty { get; } = new(ImmutableList<LogEntry<T>>.Empty);

    /// <summary>The log merge described on the type.</summary>
    public static IMerge<MergeableLog<T>> Merger { get; } = Merges.FromFunction<MergeableLog<T>>((a, o, t) =>
    {
        ImmutableList<LogEntry<T>> ancestor = a.HasValue ? a.Value._entries : ImmutableList<LogEntry<T>>.Empty;
        if (!Contains(o._entries, ancestor) || !Contains(t._entries, ancestor))
        {
            return MergeResult<MergeableLog<T>>.Conflicted(MergeConflict.At(
                "a side is not an extension of the ancestor log", a.HasValue ? a.Value : null, o, t));
        }

        // Both lists are sorted: a merge walk keeping each run of equal entries at its larger multiplicity.
        var result = ImmutableList.CreateBuilder<LogEntry<T>>();
        int i = 0, j = 0;
        while (i < o._entries.Count || j < t._entries.Count)
        {
            int c = i == o._entries.Count ? 1 : j == t._entries.Count ? -1 : o._entries[i].CompareTo(t._entries[j]);
            if (c < 0)
            {
                result.Add(o._entries[i++]);
            }
            else if (c > 0)
            {
                result.Add(t._entries[j++]);
            }
            else
            {
                result.Add(o._entries[i++]);
                j++;
            }
        }

        return MergeResult<MergeableLog<T>>.Ok(new MergeableLog<T>(result.ToImmutable()));
    });

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry at <paramref name="index"/> in log order.</summary>
    public LogEntry<T> this[int index] => _entries[index];

    /// <summary>This log with (<paramref name="timestamp"/>, <paramref name="value"/>) inserted at its place in log order.</summary>
    public MergeableLog<T> Append(long timestamp, T value)
    {
        var entry = new LogEntry<T>(timestamp, value);
        int index = _entries.Count;
        while (index > 0 && _entries[index - 1].CompareTo(entry) > 0)
        {
            index--;
        }

        return new MergeableLog<T>(_entries.Insert(index, entry));
    }

    /// <summary>The entries in log order.</summary>
    public IEnumerator<LogEntry<T>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when both hold the same entries in the same order.</summary>
    public bool Equals(MergeableLog<T>? other) => other is not null && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MergeableLog<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (LogEntry<T> e in _entries)
        {
            h.Add(e);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _entries.Select(e => $"{e.Timestamp}:{e.Value}")) + "]";

    /// <summary>The codec for logs nested in other mergeable values.</summary>
    public static IByteCodec<MergeableLog<T>> Codec(IByteCodec<T> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(valueCodec);
        return new DelegateCodec<MergeableLog<T>>((v, w) => EncodeTo(v, w, valueCodec), (ref MergeReader r) => DecodeFrom(ref r, valueCodec));
    }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode(IByteCodec<T> valueCodec)
    {
        var w = new ArrayBufferWriter<byte>();
        Codec(valueCodec).Encode(this, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one log; throws <see cref="MergeFormatException"/> when malformed.</summary>
    public static MergeableLog<T> Decode(ReadOnlySpan<byte> source, IByteCodec<T> valueCodec)
    {
        ArgumentNullException.ThrowIfNull(valueCodec);
        return DelegateCodec<MergeableLog<T>>.DecodeWhole(source, (ref MergeReader r) => DecodeFrom(ref r, valueCodec));
    }

    /// <summary>True when sorted <paramref name="whole"/> contains sorted <paramref name="part"/> as a sub-multiset.</summary>
    private static bool Contains(ImmutableList<LogEntry<T>> whole, ImmutableList<LogEntry<T>> part)
    {
        int i = 0;
        foreach (LogEntry<T> e in part)
        {
            while (i < whole.Count && whole[i].CompareTo(e) < 0)
            {
                i++;
            }

            if (i == whole.Count || whole[i].CompareTo(e) != 0)
            {
                return false;
            }

            i++;
        }

        return true;
    }

    private static void EncodeTo(MergeableLog<T> log, IBufferWriter<byte> w, IByteCodec<T> codec)
    {
        MergeWriter.WriteByte(w, Tag);
        MergeWriter.WriteCount(w, log.Count);
        foreach (LogEntry<T> e in log._entries)
        {
            MergeWriter.WriteInt64(w, e.Timestamp);
            codec.Encode(e.Value, w);
        }
    }

    private static MergeableLog<T> DecodeFrom(ref MergeReader r, IByteCodec<T> codec)
    {
        r.ExpectTag(Tag);
        int n = r.ReadCount();
        var builder = ImmutableList.CreateBuilder<LogEntry<T>>();
        for (int i = 0; i < n; i++)
        {
            var entry = new LogEntry<T>(r.ReadInt64(), r.Read(codec));
            if (i > 0 && builder[i - 1].CompareTo(entry) > 0)
            {
                MergeReader.Fail("Log entries are not in timestamp order.");
            }

            builder.Add(entry);
        }

        return new MergeableLog<T>(builder.ToImmutable());
    }
}
