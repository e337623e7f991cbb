using System.Collections.Immutable;
using System.Text;

namespace Islet.Store;

/// <summary>
/// A path in a store: a sequence of segments, each a Git tree entry name (not empty, not <c>.</c>
/// or <c>..</c>, no '/' or NUL). The root is the empty path. Path <c>a/b/c</c> is stored as tree
/// <c>a</c>, tree <c>b</c>, blob <c>c</c>. Paths order as git orders them in its index: by the
/// UTF-8 bytes of the '/'-joined text.
/// </summary>
public sealed class StorePath : IEquatable<StorePath>, IComparable<StorePath>
{
    private readonly ImmutableArray<string> _segments;

    private StorePath(ImmutableArray<string> segments) => _segments = segments;

    /// <summary>The empty path (the root tree).</summary>
    public static StorePath Root { get; } = new(ImmutableArray<string>.Empty);

    /// <summary>The segments, root first.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>True for the root.</summary>
    public bool IsRoot => _segments.IsEmpty;

    /// <summary>The last segment. Throws <see cref="InvalidOperationException"/> at the root.</summary>
    public string Name => IsRoot ? throw new InvalidOperationException("The root has no name.") : _segments[^1];

    /// <summary>The path without its last segment (the root's parent is the root).</summary>
    public StorePath Parent => IsRoot ? this : new(_segments.RemoveAt(_segments.Length - 1));

    /// <summary>A path of <paramref name="segments"/>.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidPath"/> when a segment is not a valid name.</exception>
    public static StorePath Of(params IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ImmutableArray<string> array = [.. segments];
        foreach (string segment in array)
            Check(segment);
        return new(array);
    }

    /// <summary>Parses <c>a/b/c</c>; the empty string is the root. A leading, trailing or doubled '/' is an empty segment and rejected.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidPath"/>.</exception>
    public static StorePath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? Root : Of(text.Split('/'));
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out StorePath path)
    {
        path = Root;
        if (text is null)
            return false;
        if (text.Length == 0)
            return true;
        string[] segments = text.Split('/');
        if (!segments.All(IsSegment))
            return false;
        path = new([.. segments]);
        return true;
    }

    /// <summary>Whether <paramref name="segment"/> is a valid segment.</summary>
    public static bool IsSegment(string? segment) =>
        !string.IsNullOrEmpty(segment) && segment is not ("." or "..") && segment.IndexOfAny(['/', '\0']) < 0;

    /// <summary>This path with <paramref name="segment"/> appended.</summary>
    /// <exception cref="StoreException"><see cref="StoreError.InvalidPath"/>.</exception>
    public StorePath Append(string segment)
    {
        Check(segment);
        return new(_segments.Add(segment));
    }

    /// <summary>Whether this path is <paramref name="other"/> or lies under it.</summary>
    public bool StartsWith(StorePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._segments.Length > _segments.Length)
            return false;
        for (int i = 0; i < other._segments.Length; i++)
        {
            if (!string.Equals(_segments[i], other._segments[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>A path parsed from text (see <see cref="Parse"/>).</summary>
    public static implicit operator StorePath(string text) => Parse(text);

    /// <inheritdoc/>
    public bool Equals(StorePath? other) => other is not null && _segments.AsSpan().SequenceEqual(other._segments.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as StorePath);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string segment in _segments)
            hash.Add(segment, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    /// <summary>Git's index order: the UTF-8 bytes of the '/'-joined paths compared as unsigned bytes.</summary>
    public int CompareTo(StorePath? other) =>
        other is null ? 1 : Encoding.UTF8.GetBytes(ToString()).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(other.ToString()));

    /// <summary>The '/'-joined segments (empty for the root).</summary>
    public override string ToString() => string.Join('/', _segments);

    /// <summary>Equal paths.</summary>
    public static bool operator ==(StorePath? left, StorePath? right) => left?.Equals(right) ?? right is null;

    /// <summary>Different paths.</summary>
    public static bool operator !=(StorePath? left, StorePath? right) => !(left == right);

    private static void Check(string segment)
    {
        if (!IsSegment(segment))
            throw new StoreException(StoreError.InvalidPath, $"'{segment}' is not a path segment: segments are not empty, '.' or '..', and hold no '/' or NUL.");
    }
}
