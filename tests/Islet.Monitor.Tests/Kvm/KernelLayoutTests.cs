using Islet.Monitor.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// Compares the C# KVM structs, request numbers and constants with what a C compiler
/// computes from the installed &lt;linux/kvm.h&gt;.
/// </summary>
public sealed class KernelLayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Structs_requests_and_constants_match_linux_kvm_h() =>
        KernelHeaderCheck.AssertMatches(output, ["linux/kvm.h"], "", KvmLayoutTable.Build());

    [Fact]
    public void Layout_table_covers_every_declared_struct()
    {
        string[] expressions = KvmLayoutTable.Build().Select(e => e.Expression).ToArray();
        foreach (string name in new[] { "kvm_regs", "kvm_sregs", "kvm_segment", "kvm_dtable", "kvm_userspace_memory_region",
                     "kvm_cpuid_entry2", "kvm_cpuid2", "kvm_xcr", "kvm_xcrs", "kvm_xsave", "kvm_msr_entry", "kvm_msrs", "kvm_run", "kvm_sync_regs" })
        {
            Assert.Contains($"sizeof(struct {name})", expressions);
        }
    }
}
