namespace Islet.Devices;

/// <summary>Rules for <see cref="IKeyValueStore"/> keys.</summary>
public static class KeyValuePath
{
    /// <summary>
    /// True for a non-empty relative path of segments separated by single <c>/</c>, none of
    /// them empty, <c>.</c> or <c>..</c>, and no NUL or backslash anywhere.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty) return false;
        foreach (var range in key.Split('/'))
        {
            var segment = key[range];
            if (segment.IsEmpty || segment is "." || segment is "..") return false;
            if (segment.IndexOfAny('\0', '\\') >= 0) return false;
        }
        return true;
    }
}
