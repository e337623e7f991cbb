using System.Globalization;
using System.Text;
using Islet.Store.Merge;

namespace Islet.Store;

/// <summary>Ready-made content types: text, bytes, and the mergeable types of <see cref="Islet.Store.Merge"/>.</summary>
public static class ContentTypes
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 text stored as is (so <c>git show</c> prints it); two different changes to one value conflict.</summary>
    public static ContentType<string> String { get; } = new(s_strictUtf8.GetBytes, DecodeString, Merges.Default<string>(StringComparer.Ordinal));

    /// <summary>Raw bytes stored as is; two different changes conflict.</summary>
    public static ContentType<byte[]> Bytes { get; } = new(b => (byte[])b.Clone(), b => b.ToArray(), Merges.Default(ByteArrayComparer.Instance));

    /// <summary>A <see cref="Counter"/> stored as its decimal text and a newline; merges add both sides' changes.</summary>
    public static ContentType<Counter> Counter { get; } = new(
        c => Encoding.ASCII.GetBytes(c.Value.ToString(CultureInfo.InvariantCulture) + "\n"), DecodeCounter, Merge.Counter.Merger);

    /// <summary>A <see cref="MergeableSet{T}"/> in its canonical encoding.</summary>
    public static ContentType<MergeableSet<T>> Set<T>(IByteCodec<T> elementCodec) where T : notnull =>
        ContentType<MergeableSet<T>>.FromCodec(MergeableSet<T>.Codec(elementCodec), MergeableSet<T>.Merger);

    /// <summary>A <see cref="MergeableMap{TKey, TValue}"/> whose values merge with <paramref name="valueMerge"/>.</summary>
    public static ContentType<MergeableMap<TKey, TValue>> Map<TKey, TValue>(IByteCodec<TKey> keyCodec, IByteCodec<TValue> valueCodec, IMerge<TValue> valueMerge) where TKey : notnull =>
        ContentType<MergeableMap<TKey, TValue>>.FromCodec(MergeableMap<TKey, TValue>.Codec(keyCodec, valueCodec), MergeableMap<TKey, TValue>.Merger(valueMerge));

    /// <summary>A <see cref="MergeableLog{T}"/>.</summary>
    public static ContentType<MergeableLog<T>> Log<T>(IByteCodec<T> valueCodec) =>
        ContentType<MergeableLog<T>>.FromCodec(MergeableLog<T>.Codec(valueCodec), MergeableLog<T>.Merger);

    /// <summary>A <see cref="MergeableQueue{T}"/>.</summary>
    public static ContentType<MergeableQueue<T>> Queue<T>(IByteCodec<T> elementCodec) =>
        ContentType<MergeableQueue<T>>.FromCodec(MergeableQueue<T>.Codec(elementCodec), MergeableQueue<T>.Merger);

    /// <summary>A <see cref="LastWriterWins{T}"/> register.</summary>
    public static ContentType<LastWriterWins<T>> LastWriterWins<T>(IByteCodec<T> valueCodec) =>
        ContentType<LastWriterWins<T>>.FromCodec(Merge.LastWriterWins<T>.Codec(valueCodec), Merge.LastWriterWins<T>.Merger);

    private static string DecodeString(ReadOnlySpan<byte> blob)
    {
        try
        {
            return s_strictUtf8.GetString(blob);
        }
        catch (ArgumentException e)
        {
            throw new MergeFormatException("The blob is not valid UTF-8.", e);
        }
    }

    private static Counter DecodeCounter(ReadOnlySpan<byte> blob)
    {
        ReadOnlySpan<byte> digits = blob.Length > 0 && blob[^1] == (byte)'\n' ? blob[..^1] : blob;
        return long.TryParse(Encoding.ASCII.GetString(digits), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? new Merge.Counter(value)
            : throw new MergeFormatException("A counter blob is a decimal number and a newline.");
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
