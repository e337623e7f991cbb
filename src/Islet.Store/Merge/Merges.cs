namespace Islet.Store.Merge;

/// <summary>Merge combinators (Irmin's <c>Irmin.Merge</c>): build merge functions from smaller ones.</summary>
public static class Merges
{
    /// <summary>
    /// The default merge for opaque values: equal sides give that value; if one side is unchanged
    /// from the ancestor the other side wins; otherwise a conflict at the value. Without an
    /// ancestor, differing sides conflict. Uses <paramref name="comparer"/> (default equality when null).
    /// </summary>
    public static IMerge<T> Default<T>(IEqualityComparer<T>? comparer = null) => new DefaultMerge<T>(comparer ?? EqualityComparer<T>.Default);

    /// <summary>
    /// Lifts <paramref name="inner"/> to optional values (presence is a change too): two present
    /// values always merge with <paramref name="inner"/> (with the ancestor's value if it had one,
    /// so additive merges such as <see cref="Counter"/>'s stay additive); otherwise equal sides
    /// win, a side unchanged from the ancestor takes the other, and a removal against a change
    /// conflicts.
    /// </summary>
    public static IMerge<Optional<T>> Option<T>(IMerge<T> inner, IEqualityComparer<T>? comparer = null) =>
        new OptionMerge<T>(inner ?? throw new ArgumentNullException(nameof(inner)), comparer ?? EqualityComparer<T>.Default);

    /// <summary>
    /// Merges pairs component-wise; a conflict in either component is reported under the path
    /// "1" or "2" (both when both conflict).
    /// </summary>
    public static IMerge<(TFirst First, TSecond Second)> Pair<TFirst, TSecond>(IMerge<TFirst> first, IMerge<TSecond> second) =>
        new PairMerge<TFirst, TSecond>(first ?? throw new ArgumentNullException(nameof(first)), second ?? throw new ArgumentNullException(nameof(second)));

    /// <summary>Wraps a function as an <see cref="IMerge{T}"/>.</summary>
    public static IMerge<T> FromFunction<T>(Func<Optional<T>, T, T, MergeResult<T>> merge) =>
        new FunctionMerge<T>(merge ?? throw new ArgumentNullException(nameof(merge)));

    private sealed class DefaultMerge<T>(IEqualityComparer<T> eq) : IMerge<T>
    {
        public MergeResult<T> Merge(Optional<T> ancestor, T ours, T theirs)
        {
            if (eq.Equals(ours, theirs))
            {
                return MergeResult<T>.Ok(ours);
            }

            if (ancestor.HasValue && eq.Equals(ancestor.Value, ours))
            {
                return MergeResult<T>.Ok(theirs);
            }

            if (ancestor.HasValue && eq.Equals(ancestor.Value, theirs))
            {
                return MergeResult<T>.Ok(ours);
            }

            return MergeResult<T>.Conflicted(MergeConflict.At(
                ancestor.HasValue ? "both sides changed the value" : "both sides created different values",
                ancestor.HasValue ? ancestor.Value : null, ours, theirs));
        }
    }

    private sealed class OptionMerge<T>(IMerge<T> inner, IEqualityComparer<T> eq) : IMerge<Optional<T>>
    {
        public MergeResult<Optional<T>> Merge(Optional<Optional<T>> ancestor, Optional<T> ours, Optional<T> theirs)
        {
            Optional<T> a = ancestor.HasValue ? ancestor.Value : Optional<T>.None;
            if (ours.HasValue && theirs.HasValue)
            {
                MergeResult<T> r = inner.Merge(a, ours.Value, theirs.Value);
                return r.IsOk ? MergeResult<Optional<T>>.Ok(r.Value) : MergeResult<Optional<T>>.Conflicted(r.Conflict!);
            }

            if (Same(ours, theirs))
            {
                return MergeResult<Optional<T>>.Ok(ours);
            }

            if (Same(a, ours))
            {
                return MergeResult<Optional<T>>.Ok(theirs);
            }

            if (Same(a, theirs))
            {
                return MergeResult<Optional<T>>.Ok(ours);
            }

            return MergeResult<Optional<T>>.Conflicted(MergeConflict.At(
                "one side removed the value, the other changed it",
                a.HasValue ? a.Value : null, ours.HasValue ? ours.Value : null, theirs.HasValue ? theirs.Value : null));
        }

        private bool Same(Optional<T> x, Optional<T> y) =>
            x.HasValue == y.HasValue && (!x.HasValue || eq.Equals(x.Value, y.Value));
    }

    private sealed class PairMerge<TFirst, TSecond>(IMerge<TFirst> first, IMerge<TSecond> second) : IMerge<(TFirst First, TSecond Second)>
    {
        public MergeResult<(TFirst First, TSecond Second)> Merge(Optional<(TFirst First, TSecond Second)> ancestor, (TFirst First, TSecond Second) ours, (TFirst First, TSecond Second) theirs)
        {
            MergeResult<TFirst> a = first.Merge(ancestor.HasValue ? ancestor.Value.First : Optional<TFirst>.None, ours.First, theirs.First);
            MergeResult<TSecond> b = second.Merge(ancestor.HasValue ? ancestor.Value.Second : Optional<TSecond>.None, ours.Second, theirs.Second);
            if (a.IsOk && b.IsOk)
            {
                return MergeResult<(TFirst, TSecond)>.Ok((a.Value, b.Value));
            }

            var items = new List<MergeConflictItem>();
            if (!a.IsOk)
            {
                items.AddRange(a.Conflict!.Under("1").Items);
            }

            if (!b.IsOk)
            {
                items.AddRange(b.Conflict!.Under("2").Items);
            }

            return MergeResult<(TFirst, TSecond)>.Conflicted(new MergeConflict(items));
        }
    }

    private sealed class FunctionMerge<T>(Func<Optional<T>, T, T, MergeResult<T>> f) : IMerge<T>
    {
        public MergeResult<T> Merge(Optional<T> ancestor, T ours, T theirs) => f(ancestor, ours, theirs);
    }
}
