using System.Collections.Immutable;

namespace Islet.Abi.Tests;

/// <summary>Argument vectors that sit on every boundary of the table's constraints.</summary>
internal static class ArgumentProbes
{
    private static readonly ulong[] s_general =
        [0, 1, 2, 3, 4, 0xFFFF_FFFF, 0x1_0000_0000, 0x1_0000_0001, 0x8000_0000_0000_0000, ulong.MaxValue];

    /// <summary>Values around every K and mask in <paramref name="entries"/> for <paramref name="context"/>.</summary>
    public static ulong[] Values(IEnumerable<AbiEntry> entries, AbiContext context)
    {
        var values = new HashSet<ulong>(s_general);
        foreach (ArgumentConstraint c in entries.SelectMany(e => e.When.SelectMany(s => s)))
        {
            ulong k = c.Value.Resolve(context);
            foreach (ulong v in new[] { k, k - 1, k + 1, k | 0x1_0000_0000, k | 0x8000_0000_0000_0000, k + 0x1_0000_0000, k - 0x1_0000_0000, ~k })
                values.Add(v);
            if (c.Test != ArgumentTest.MaskedEqual) continue;
            values.Add(k | ~c.Mask);
            for (int bit = 0; bit < 64; bit++)
                if ((c.Mask >> bit & 1) != 0) values.Add(k ^ (1UL << bit));
        }
        return [.. values];
    }

    /// <summary>For one entry: all-zero args and, per alternative, args that satisfy it.</summary>
    public static List<ulong[]> Bases(AbiEntry? entry, AbiContext context)
    {
        var bases = new List<ulong[]> { new ulong[6] };
        if (entry is null || !entry.IsConstrained) return bases;
        foreach (ImmutableArray<ArgumentConstraint> set in entry.When)
        {
            var args = new ulong[6];
            foreach (ArgumentConstraint c in set)
            {
                ulong k = c.Value.Resolve(context);
                args[c.Index] = c.Test == ArgumentTest.LessThan ? k - 1 : k;
            }
            bases.Add(args);
        }
        return bases;
    }

    /// <summary>Each base, then each base with one argument replaced by each value.</summary>
    public static IEnumerable<ulong[]> Vectors(AbiEntry? entry, AbiContext context, ulong[] values)
    {
        foreach (ulong[] b in Bases(entry, context))
        {
            yield return b;
            for (int i = 0; i < 6; i++)
                foreach (ulong v in values)
                {
                    var args = (ulong[])b.Clone();
                    args[i] = v;
                    yield return args;
                }
        }
    }
}
