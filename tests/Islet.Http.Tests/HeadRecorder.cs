using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Tests;

/// <summary>Records what the reader delivers, as text, to compare parses.</summary>
internal sealed class HeadRecorder : IHttpHeadHandler
{
    public StringBuilder Log { get; } = new();
    public int Heads { get; private set; }

    public HttpParseError OnRequestLine(HttpMethod method, ReadOnlySpan<byte> methodName, ReadOnlySpan<byte> target, HttpVersion version)
    {
        Log.Append(method).Append(' ').Append(Encoding.Latin1.GetString(methodName)).Append(' ')
            .Append(Encoding.Latin1.GetString(target)).Append(' ').Append(version).Append('\n');
        return HttpParseError.None;
    }

    public HttpParseError OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Log.Append(Encoding.Latin1.GetString(name)).Append('=').Append(Encoding.Latin1.GetString(value)).Append('\n');
        return HttpParseError.None;
    }

    public HttpParseError OnHeadersComplete()
    {
        Heads++;
        Log.Append("END\n");
        return HttpParseError.None;
    }
}
