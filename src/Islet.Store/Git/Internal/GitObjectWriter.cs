using System.Text;

namespace Islet.Store.Git.Internal;

/// <summary>Builds the content of a commit or tag: headers, the blank line, the message.</summary>
internal sealed class GitObjectWriter
{
    private readonly MemoryStream _buffer = new();

    public void Header(string key, ReadOnlySpan<byte> value)
    {
        Ascii(key);
        _buffer.WriteByte((byte)' ');
        foreach (byte b in value)
        {
            _buffer.WriteByte(b);
            if (b == (byte)'\n')
                _buffer.WriteByte((byte)' ');
        }
        _buffer.WriteByte((byte)'\n');
    }

    public void Header(string key, string asciiValue) => Header(key, Encoding.ASCII.GetBytes(asciiValue));

    public void Id(string key, GitObjectId id) => Header(key, id.ToString());

    public void Signature(string key, GitSignature signature) => Header(key, signature.ToBytes());

    public byte[] Finish(ReadOnlySpan<byte> message, bool hasMessage)
    {
        if (hasMessage)
        {
            _buffer.WriteByte((byte)'\n');
            _buffer.Write(message);
        }
        return _buffer.ToArray();
    }

    private void Ascii(string text)
    {
        foreach (char c in text)
            _buffer.WriteByte((byte)c);
    }
}
