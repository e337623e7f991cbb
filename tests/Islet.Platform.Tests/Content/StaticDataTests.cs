using System.Runtime.CompilerServices;
using Islet.Content;
using Islet.Devices;
using Xunit;

namespace Islet.Platform.Tests.Content;

/// <summary>The store over constant data, as generated code builds it.</summary>
public sealed class StaticDataTests
{
    // What Islet.Crunch emits: constant bytes the compiler places in the image (an RVA static).
    private static ReadOnlySpan<byte> Blob => new byte[] { 0x68, 0x69, 0x0A, 0x62, 0x79, 0x65 };

    private static BakedEntry[] Entries() => new BakedEntry[]
    {
        new("hi.txt", 0, 3, -1, -1, Sha256Digest.Compute("hi\n"u8), 1_700_000_000L, "text/plain; charset=utf-8"),
        new("bye", 3, 3, -1, -1, Sha256Digest.Compute("bye"u8), 1_700_000_000L, "application/octet-stream"),
    };

    private static readonly BakedKeyValueStore s_store = BakedKeyValueStore.FromStaticData(Blob, Entries());

    [Fact]
    public async Task Serves_constant_data_without_copying()
    {
        var hi = await s_store.GetAsync("hi.txt");
        Assert.Equal("hi\n"u8.ToArray(), hi.Value.ToArray());
        // Same memory as the constant data: no copy was made.
        Assert.True(Unsafe.AreSame(in Blob[0], in hi.Value.Span[0]));
        Assert.False(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(hi.Value, out _));
        Assert.Equal("bye"u8.ToArray(), (await s_store.GetAsync("bye")).Value.ToArray());
        Assert.Equal(["bye", "hi.txt"], s_store.List());
    }

    [Fact]
    public void Memory_survives_compacting_collections_and_pins_in_place()
    {
        var value = s_store.Get("bye").Value;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal("bye"u8.ToArray(), value.ToArray());
        using var handle = value.Pin();
        Assert.True(Unsafe.AreSame(in Blob[3], in value.Span[0]));
    }

    // The generated form: little-endian words.
    private static ReadOnlySpan<ulong> Words => new ulong[] { 0x69680A69680A6968UL, 0x000000000000000AUL };

    [Fact]
    public void Serves_constant_words_as_little_endian_bytes_without_copying()
    {
        var store = BakedKeyValueStore.FromStaticData(Words, [new("w", 0, 9, -1, -1, default, 0, "text/plain")]);
        var value = store.Get("w").Value;
        Assert.Equal("hi\nhi\nhi\n"u8.ToArray(), value.ToArray());
        Assert.True(Unsafe.AreSame(in System.Runtime.InteropServices.MemoryMarshal.AsBytes(Words)[0], in value.Span[0]));
    }

    [Fact]
    public void An_empty_table_is_a_store_with_nothing_in_it()
    {
        var store = BakedKeyValueStore.FromStaticData(ReadOnlySpan<ulong>.Empty, []);
        Assert.Empty(store.List());
        Assert.False(store.Exists("a"));
    }
}
