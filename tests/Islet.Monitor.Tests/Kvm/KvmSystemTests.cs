using System.Runtime.CompilerServices;
using Islet.Monitor.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>The KVM wrappers on the real /dev/kvm (skipped where it cannot be opened), and their errors.</summary>
public sealed class KvmSystemTests(ITestOutputHelper output)
{
    private const ulong TwoMiB = 2 << 20;

    [Fact]
    public void Opening_a_missing_device_fails_with_its_errno()
    {
        var e = Assert.Throws<KvmException>(() => KvmSystem.Open("/nonexistent/kvm"));
        Assert.Equal(KvmError.OpenFailed, e.Error);
        Assert.Equal(2, e.Errno); // ENOENT
        Assert.Contains("/nonexistent/kvm", e.Message);
    }

    [Fact]
    public void Reports_api_version_12_and_has_the_required_capabilities()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        output.WriteLine($"KVM API version {t.System.ApiVersion}, vCPU mmap size {t.System.VcpuMmapSize}");
        foreach (var (capability, value) in t.System.Describe(Enum.GetValues<KvmCapability>()))
            output.WriteLine($"  {KvmSystem.CapabilityName(capability)} = {value}");

        Assert.Equal(KvmSystem.ExpectedApiVersion, t.System.ApiVersion);
        t.System.RequireCapabilities();
        Assert.True(t.System.VcpuMmapSize >= Unsafe.SizeOf<KvmRun>());
        Assert.Equal(KvmSyncRegs.X86Regs | KvmSyncRegs.X86Sregs, (ulong)t.System.CheckExtension(KvmCapability.SyncRegs) & (KvmSyncRegs.X86Regs | KvmSyncRegs.X86Sregs));
    }

    [Fact]
    public void Supported_cpuid_is_accepted_by_a_vcpu()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        KvmCpuidEntry2[] cpuid = t.System.GetSupportedCpuid();
        output.WriteLine($"{cpuid.Length} supported CPUID entries");
        KvmCpuidEntry2 vendor = Assert.Single(cpuid, e => e.Function == 0);
        Assert.True(vendor.Eax >= 1, "leaf 0 gives the highest basic leaf");
        t.Vcpu.SetCpuid(cpuid);
    }

    [Fact]
    public void Xcrs_and_xsave_round_trip()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        t.Vcpu.SetCpuid(t.System.GetSupportedCpuid());
        KvmXcrs xcrs = t.Vcpu.GetXcrs();
        output.WriteLine($"{xcrs.Count} XCRs; XCR{xcrs.Xcrs[0].Xcr} = 0x{xcrs.Xcrs[0].Value:x}");
        Assert.True(xcrs.Count >= 1);
        Assert.Equal(0u, xcrs.Xcrs[0].Xcr);
        Assert.Equal(1ul, xcrs.Xcrs[0].Value & 1); // x87 state is always enabled
        t.Vcpu.SetXcrs(xcrs);

        t.Vcpu.GetXsave(out KvmXsave xsave);
        const int MxcsrOffset = 24;
        output.WriteLine($"MXCSR in the XSAVE area: 0x{BitConverter.ToUInt32(xsave.AsSpan()[MxcsrOffset..]):x}");
        t.Vcpu.SetXsave(xsave);
    }

    [Fact]
    public void Overlapping_ram_fails_naming_the_ioctl_and_errno()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        var e = Assert.Throws<KvmException>(() => t.Vm.AddRam(slot: 1, guestPhysicalAddress: 0x1000, 0x1000));
        output.WriteLine(e.Message);
        Assert.Equal(KvmError.CallFailed, e.Error);
        Assert.Equal("KVM_SET_USER_MEMORY_REGION", e.Operation);
        Assert.Equal(17, e.Errno); // EEXIST
        Assert.StartsWith("KVM_SET_USER_MEMORY_REGION failed: errno 17", e.Message);
    }

    [Fact]
    public void Guest_ram_spans_are_bounds_checked()
    {
        using KvmTestVm? t = KvmTestVm.TryCreate(TwoMiB, out string reason);
        if (t is null) { output.WriteLine(reason); return; }
        Assert.True(t.Ram.TryGetSpan(TwoMiB - 4, 4, out Span<byte> last));
        Assert.Equal(4, last.Length);
        Assert.False(t.Ram.TryGetSpan(TwoMiB - 4, 5, out _));
        Assert.False(t.Ram.TryGetSpan(ulong.MaxValue, 2, out _));
        Assert.False(t.Ram.TryGetSpan(0, -1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Ram.GetSpan(TwoMiB, 1));
    }
}
