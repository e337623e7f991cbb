using System.Text.RegularExpressions;

namespace Islet.Cli.Scaffolding;

/// <summary>
/// Rules for a new application's name, which becomes its project file, assembly and root
/// namespace: dot-separated identifiers of ASCII letters, digits and '_' (each starting with a
/// letter or '_'), at most 64 characters, no C# keyword as a part, and not Islet's or
/// System's own assembly names.
/// </summary>
public static partial class AppName
{
    private const int MaxLength = 64;

    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Null when <paramref name="name"/> is valid; otherwise why not, in one line.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0) return "the application name is empty";
        if (name.Length > MaxLength) return $"'{name}' is longer than {MaxLength} characters";
        if (!Shape().IsMatch(name))
        {
            return $"'{name}' is not a valid application name (letters, digits and '_', starting with a letter; parts joined by '.')";
        }
        string? keyword = name.Split('.').FirstOrDefault(s_keywords.Contains);
        if (keyword is not null) return $"'{name}' uses the C# keyword '{keyword}'";
        if (IsReserved(name, "Islet") || IsReserved(name, "System") || IsReserved(name, "Microsoft"))
        {
            return $"'{name}' would clash with a library's assembly name; choose another";
        }
        return null;
    }

    private static bool IsReserved(string name, string prefix) =>
        name.Equals(prefix, StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase);
}
