namespace Islet.Monitor.Loader.Tests;

/// <summary>The checked accessor: in-range accesses work; any byte out of range or an overflowing end faults and changes nothing.</summary>
public sealed class GuestMemoryTests
{
    private const ulong Base = 0x10000;

    [Fact]
    public void In_range_accesses_read_back()
    {
        var memory = new ByteArrayGuestMemory(Base, 0x1000);
        memory.Write(Base + 0xFFC, [1, 2, 3, 4]);
        memory.Fill(Base, 4, 0xAA);
        Span<byte> read = stackalloc byte[4];
        memory.Read(Base + 0xFFC, read);
        Assert.Equal([1, 2, 3, 4], read.ToArray());
        memory.Read(Base, read);
        Assert.Equal([0xAA, 0xAA, 0xAA, 0xAA], read.ToArray());
        memory.Write(Base + 0x1000, []); // empty access at the end
        memory.Fill(Base + 0x1000, 0, 1);
    }

    [Theory]
    [InlineData(Base - 1, 1UL)]
    [InlineData(Base + 0xFFD, 4UL)]
    [InlineData(Base + 0x1000, 1UL)]
    [InlineData(Base + 0x1001, 0UL)]
    [InlineData(0UL, 0UL)]
    [InlineData(ulong.MaxValue, 2UL)]
    [InlineData(Base + 8, ulong.MaxValue - 4)]
    public void Out_of_range_or_overflowing_accesses_fault_without_a_change(ulong address, ulong length)
    {
        var memory = new ByteArrayGuestMemory(Base, 0x1000);
        var e = Assert.Throws<GuestMemoryFaultException>(() => memory.Fill(address, length, 0xFF));
        Assert.Equal(address, e.Address);
        if (length <= 8)
        {
            Assert.Throws<GuestMemoryFaultException>(() => memory.Write(address, new byte[length]));
            Assert.Throws<GuestMemoryFaultException>(() => memory.Read(address, new byte[length]));
        }
        Assert.True(memory.Contents.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Bounds_check_handles_the_top_of_the_address_space()
    {
        Assert.True(GuestMemoryBounds.Contains(ulong.MaxValue - 15, 15, ulong.MaxValue - 1, 1));
        Assert.False(GuestMemoryBounds.Contains(ulong.MaxValue - 15, 15, ulong.MaxValue - 1, 2));
        Assert.False(GuestMemoryBounds.Contains(16, 16, 40, 0));
    }
}
