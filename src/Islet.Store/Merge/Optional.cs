namespace Islet.Store.Merge;

/// <summary>
/// A value that may be absent: the ancestor of a three-way merge when both sides created the
/// value independently, or a key missing from one side of a map. Unlike <c>T?</c> it works the
/// same for value and reference types.
/// </summary>
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    /// <summary>A present value.</summary>
    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>The absent value.</summary>
    public static Optional<T> None => default;

    /// <summary>True when a value is present.</summary>
    public bool HasValue { get; }

    /// <summary>The value. Throws <see cref="InvalidOperationException"/> when absent.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("The optional value is absent.");

    /// <summary>Wraps a present value.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <summary>Equal when both are absent, or both present with equal values (default comparer).</summary>
    public bool Equals(Optional<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HasValue ? HashCode.Combine(true, _value) : 0;

    /// <inheritdoc />
    public override string ToString() => HasValue ? $"Some({_value})" : "None";
}
