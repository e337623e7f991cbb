using System.Text;

namespace Islet.Cli.Runs;

/// <summary>
/// Reads a run's log (<see cref="RunLog"/>) for <c>islet logs</c>: the rotated half and the
/// current file as one text, its last lines, and what has been appended since an offset.
/// </summary>
internal sealed class LogReader
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    /// <summary>A reader of the log at <paramref name="path"/>.</summary>
    public LogReader(string path) => Path = path;

    /// <summary>The current log file.</summary>
    public string Path { get; }

    /// <summary>How far into the current file has been read.</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// The whole log (rotated half, then the current file), or its last <paramref name="tail"/>
    /// lines; afterwards <see cref="Offset"/> is the end of the current file.
    /// </summary>
    public string ReadAll(int? tail)
    {
        var rotated = ReadBytes(RunLog.RotatedPath(Path), 0);
        var current = ReadBytes(Path, 0);
        Offset = current.Length;
        string text = Encoding.UTF8.GetString(rotated) + Encoding.UTF8.GetString(current);
        return tail is { } count ? LastLines(text, count) : text;
    }

    /// <summary>
    /// What was appended since <see cref="Offset"/>. When the file is shorter than the offset the
    /// log was rotated: the rest of the rotated half comes first, then the new file from its start.
    /// </summary>
    public string ReadNew()
    {
        var text = new StringBuilder();
        long length = File.Exists(Path) ? new FileInfo(Path).Length : 0;
        if (length < Offset)
        {
            text.Append(Decode(ReadBytes(RunLog.RotatedPath(Path), Offset)));
            Offset = 0;
        }
        var added = ReadBytes(Path, Offset);
        Offset += added.Length;
        return text.Append(Decode(added)).ToString();
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="text"/> (a final newline ends the last line, it does not start another).</summary>
    public static string LastLines(string text, int count)
    {
        if (count <= 0) return "";
        int start = text.EndsWith('\n') ? text.Length - 1 : text.Length;
        for (int line = 0; line < count; line++)
        {
            int newline = start > 0 ? text.LastIndexOf('\n', start - 1) : -1;
            if (newline < 0) return text;
            start = newline;
        }
        return text[(start + 1)..];
    }

    private string Decode(byte[] bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, 0, bytes.Length, flush: false)];
        int count = _decoder.GetChars(bytes, 0, bytes.Length, chars, 0, flush: false);
        return new string(chars, 0, count);
    }

    private static byte[] ReadBytes(string path, long offset)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (offset >= file.Length) return [];
            file.Position = offset;
            var bytes = new byte[file.Length - offset];
            file.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }
}
