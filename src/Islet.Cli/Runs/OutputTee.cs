using System.Text;

namespace Islet.Cli.Runs;

/// <summary>Copies one of the unikernel's output pipes to its <see cref="RunLog"/> and, in the foreground, to a console writer.</summary>
internal static class OutputTee
{
    /// <summary>
    /// Reads <paramref name="source"/> to its end on a thread-pool thread, appending each chunk to
    /// <paramref name="log"/> and writing it, decoded as UTF-8 and flushed, to
    /// <paramref name="console"/> when there is one. Chunks keep their order; a console that
    /// fails (closed) is dropped and the log goes on.
    /// </summary>
    public static Task Start(Stream source, RunLog log, TextWriter? console) => Task.Run(() =>
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int read;
        while ((read = source.Read(bytes)) > 0)
        {
            try
            {
                log.Append(bytes.AsSpan(0, read));
            }
            catch (IOException)
            {
                // A full disk loses log lines, never the unikernel: the pipe is still drained.
            }
            if (console is null) continue;
            try
            {
                int count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                console.Write(chars, 0, count);
                console.Flush();
            }
            catch (IOException)
            {
                console = null;
            }
        }
    });
}
