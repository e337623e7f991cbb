using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Islet.Store.Tests.Merge;

/// <summary>Runs FsCheck properties from plain facts with a fixed seed, so failures replay.</summary>
internal static class PropertyCheck
{
    public const int Cases = 1000;

    public static void ForAll<T>(Gen<T> gen, Func<T, bool> property, int cases = Cases, ulong seed = 0x1517_7E57)
    {
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithEndSize(30)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E37_79B9_7F4A_7C15), FSharpOption<int>.None)));
        Prop.ForAll(gen.ToArbitrary(), property).Check(config);
    }

    /// <summary>Small ints, so generated values collide often.</summary>
    public static Gen<int> Small => Gen.Choose(0, 9);

    public static Gen<int[]> SmallArray => Gen.ArrayOf(Small);

    /// <summary>Strings that are valid UTF-16 (so strictly encodable), mixing ASCII and non-ASCII.</summary>
    public static Gen<string> Text =>
        Gen.Elements("", "a", "b", "k1", "k2", "é", "☃", "𝄞", "naïve", "zz").SelectMany(x => Small.Select(n => x + n));
}
