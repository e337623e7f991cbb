// tcp-blast ADDRESS PORT BYTES SEED: connects to ADDRESS:PORT, sends BYTES bytes of the
// xorshift64 stream for SEED, half-closes, waits for the peer to close, prints what it sent.
// The interop tests check the receiver got exactly the same stream.
using System.Net;
using Islet;
using Islet.Net;

return await Unikernel.RunAsync(args, async context =>
{
    var a = context.Arguments;
    if (a.Count != 4 || !IPAddress.TryParse(a[0], out var address) || !int.TryParse(a[1], out int port)
        || !long.TryParse(a[2], out long total) || !ulong.TryParse(a[3], out ulong seed))
    {
        context.Console.WriteLine("usage: tcp-blast ADDRESS PORT BYTES SEED");
        throw new ArgumentException("bad arguments");
    }
    await using var flow = await context.Network.Tcp.ConnectAsync(new IPEndPoint(address, port), context.ShutdownToken);
    ulong state = seed == 0 ? 1 : seed;
    long sent = 0;
    while (sent < total)
    {
        int chunk = (int)Math.Min(64 * 1024, total - sent);
        var span = flow.Output.GetSpan(chunk)[..chunk];
        for (int i = 0; i < chunk; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            span[i] = (byte)state;
        }
        flow.Output.Advance(chunk);
        var flush = await flow.Output.FlushAsync(context.ShutdownToken);
        if (flush.IsCompleted) throw new NetException(NetError.Reset, "the peer stopped reading");
        sent += chunk;
    }
    await flow.Output.CompleteAsync();
    while (true) // wait for the peer's FIN so every byte is known to have arrived
    {
        var result = await flow.Input.ReadAsync(context.ShutdownToken);
        flow.Input.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted) break;
    }
    context.Console.WriteLine($"sent {sent} bytes");
});
