namespace Islet.Integration.Tests.Spt;

/// <summary>Reads the sandbox probe's <c>random</c> line: <c>random: guid A B</c>.</summary>
internal static class RandomProbe
{
    /// <summary>
    /// Two Guids that parse, differ, and carry version 4 and the RFC 4122 variant, as
    /// <see cref="Guid.NewGuid"/> makes them from 122 random bits (a constant or zero source would
    /// repeat or fail; the runtime threw CryptographicException before the source was wired).
    /// </summary>
    public static void AssertTwoDistinctVersion4Guids(string stdout)
    {
        string line = stdout.Split('\n').Single(l => l.StartsWith("random: guid ", StringComparison.Ordinal));
        string[] parts = line["random: guid ".Length..].Trim().Split(' ');
        Assert.Equal(2, parts.Length);
        Guid first = Guid.Parse(parts[0]), second = Guid.Parse(parts[1]);
        Assert.NotEqual(first, second);
        foreach (Guid g in new[] { first, second })
        {
            string text = g.ToString("N");
            Assert.Equal('4', text[12]);
            Assert.Contains(text[16], "89ab");
        }
    }
}
