using System.Buffers;
using Islet.Store.Sync;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>Builds request bodies out of pkt-lines for tests.</summary>
internal sealed class PktBytes
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public PktBytes Text(string line)
    {
        PktLine.WriteText(_buffer, line);
        return this;
    }

    public PktBytes Flush()
    {
        PktLine.WriteSpecial(_buffer, PktLineKind.Flush);
        return this;
    }

    public PktBytes Raw(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
