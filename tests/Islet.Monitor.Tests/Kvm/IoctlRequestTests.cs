using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>The ioctl encoding against numbers from Linux's documentation (no compiler needed).</summary>
public sealed class IoctlRequestTests
{
    [Fact]
    public void Encodes_kvm_requests_as_linux_does()
    {
        Assert.Equal(0xAE00u, KvmRequest.GetApiVersion);
        Assert.Equal(0xAE80u, KvmRequest.Run);
        Assert.Equal(0x8090AE81u, KvmRequest.GetRegs);     // _IOR, 144 bytes
        Assert.Equal(0x4020AE46u, KvmRequest.SetUserMemoryRegion); // _IOW, 32 bytes
        Assert.Equal(0xC008AE05u, KvmRequest.GetSupportedCpuid);   // _IOWR, 8 bytes
        Assert.Equal(0x9000AEA4u, KvmRequest.GetXsave);    // _IOR, 4096 bytes
    }

    [Fact]
    public void Rejects_sizes_beyond_fourteen_bits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IoctlRequest.Ior(KvmRequest.KvmIo, 1, 1 << 14));
        Assert.Equal(0xBFFFAE01u, IoctlRequest.Ior(KvmRequest.KvmIo, 1, (1 << 14) - 1));
    }
}
