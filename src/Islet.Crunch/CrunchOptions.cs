using System.Globalization;
using System.Text.RegularExpressions;

namespace Islet.Crunch;

/// <summary>The command line of <c>Islet.Crunch</c>.</summary>
/// <param name="Folder">The content folder to bake.</param>
/// <param name="Name">The content's name, e.g. <c>site</c>.</param>
/// <param name="Namespace">The generated class's namespace.</param>
/// <param name="ClassName">The generated class's name.</param>
/// <param name="OutputPath">The <c>.g.cs</c> file to write.</param>
public sealed partial record CrunchOptions(string Folder, string Name, string Namespace, string ClassName, string OutputPath)
{
    /// <summary>How to call the tool.</summary>
    public const string Usage =
        "usage: Islet.Crunch --folder DIR --name NAME --namespace NS --class CLASS --out FILE.g.cs\n" +
        "  Bakes DIR into a C# file defining NS.CLASS.Store (an Islet.Content.BakedKeyValueStore).\n" +
        "  SOURCE_DATE_EPOCH, when set, is every entry's modification time; otherwise the newest file's.";

    /// <summary>Parses <paramref name="args"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static CrunchOptions? TryParse(IReadOnlyList<string> args, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var flag = args[i];
            if (flag is not ("--folder" or "--name" or "--namespace" or "--class" or "--out"))
            {
                error = $"unknown option '{flag}'";
                return null;
            }
            if (i + 1 >= args.Count)
            {
                error = $"option '{flag}' needs a value";
                return null;
            }
            values[flag] = args[i + 1];
        }
        foreach (var required in (string[])["--folder", "--name", "--namespace", "--class", "--out"])
        {
            if (!values.ContainsKey(required))
            {
                error = $"missing option '{required}'";
                return null;
            }
        }
        if (!QualifiedIdentifier().IsMatch(values["--namespace"]))
        {
            error = $"'{values["--namespace"]}' is not a namespace name";
            return null;
        }
        if (!Identifier().IsMatch(values["--class"]))
        {
            error = $"'{values["--class"]}' is not a class name";
            return null;
        }
        error = null;
        return new CrunchOptions(values["--folder"], values["--name"], values["--namespace"], values["--class"], values["--out"]);
    }

    /// <summary>
    /// Reads <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org): null when unset or empty;
    /// an error when it is not a non-negative integer.
    /// </summary>
    public static bool TryReadSourceDateEpoch(string? value, out long? seconds)
    {
        seconds = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        seconds = parsed;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedIdentifier();
}
