using System.Runtime.CompilerServices;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// Every size, offset, request number and constant the C# KVM layer declares, each paired
/// with the C expression that computes it from &lt;linux/kvm.h&gt;.
/// </summary>
internal static class KvmLayoutTable
{
    public static IReadOnlyList<(string Expression, ulong Value)> Build()
    {
        var t = new LayoutRecorder();
        KvmRegs regs = default;
        t.Size<KvmRegs>("kvm_regs");
        t.Offset("kvm_regs", "rax", ref regs, ref regs.Rax);
        t.Offset("kvm_regs", "rbx", ref regs, ref regs.Rbx);
        t.Offset("kvm_regs", "rcx", ref regs, ref regs.Rcx);
        t.Offset("kvm_regs", "rdx", ref regs, ref regs.Rdx);
        t.Offset("kvm_regs", "rsi", ref regs, ref regs.Rsi);
        t.Offset("kvm_regs", "rdi", ref regs, ref regs.Rdi);
        t.Offset("kvm_regs", "rsp", ref regs, ref regs.Rsp);
        t.Offset("kvm_regs", "rbp", ref regs, ref regs.Rbp);
        t.Offset("kvm_regs", "r8", ref regs, ref regs.R8);
        t.Offset("kvm_regs", "r15", ref regs, ref regs.R15);
        t.Offset("kvm_regs", "rip", ref regs, ref regs.Rip);
        t.Offset("kvm_regs", "rflags", ref regs, ref regs.Rflags);

        KvmSegment segment = default;
        t.Size<KvmSegment>("kvm_segment");
        t.Offset("kvm_segment", "base", ref segment, ref segment.Base);
        t.Offset("kvm_segment", "limit", ref segment, ref segment.Limit);
        t.Offset("kvm_segment", "selector", ref segment, ref segment.Selector);
        t.Offset("kvm_segment", "type", ref segment, ref segment.Type);
        t.Offset("kvm_segment", "present", ref segment, ref segment.Present);
        t.Offset("kvm_segment", "dpl", ref segment, ref segment.Dpl);
        t.Offset("kvm_segment", "db", ref segment, ref segment.Db);
        t.Offset("kvm_segment", "s", ref segment, ref segment.S);
        t.Offset("kvm_segment", "l", ref segment, ref segment.L);
        t.Offset("kvm_segment", "g", ref segment, ref segment.G);
        t.Offset("kvm_segment", "avl", ref segment, ref segment.Avl);
        t.Offset("kvm_segment", "unusable", ref segment, ref segment.Unusable);

        KvmDtable dtable = default;
        t.Size<KvmDtable>("kvm_dtable");
        t.Offset("kvm_dtable", "base", ref dtable, ref dtable.Base);
        t.Offset("kvm_dtable", "limit", ref dtable, ref dtable.Limit);

        KvmSregs sregs = default;
        t.Size<KvmSregs>("kvm_sregs");
        t.Offset("kvm_sregs", "cs", ref sregs, ref sregs.Cs);
        t.Offset("kvm_sregs", "ds", ref sregs, ref sregs.Ds);
        t.Offset("kvm_sregs", "es", ref sregs, ref sregs.Es);
        t.Offset("kvm_sregs", "fs", ref sregs, ref sregs.Fs);
        t.Offset("kvm_sregs", "gs", ref sregs, ref sregs.Gs);
        t.Offset("kvm_sregs", "ss", ref sregs, ref sregs.Ss);
        t.Offset("kvm_sregs", "tr", ref sregs, ref sregs.Tr);
        t.Offset("kvm_sregs", "ldt", ref sregs, ref sregs.Ldt);
        t.Offset("kvm_sregs", "gdt", ref sregs, ref sregs.Gdt);
        t.Offset("kvm_sregs", "idt", ref sregs, ref sregs.Idt);
        t.Offset("kvm_sregs", "cr0", ref sregs, ref sregs.Cr0);
        t.Offset("kvm_sregs", "cr2", ref sregs, ref sregs.Cr2);
        t.Offset("kvm_sregs", "cr3", ref sregs, ref sregs.Cr3);
        t.Offset("kvm_sregs", "cr4", ref sregs, ref sregs.Cr4);
        t.Offset("kvm_sregs", "cr8", ref sregs, ref sregs.Cr8);
        t.Offset("kvm_sregs", "efer", ref sregs, ref sregs.Efer);
        t.Offset("kvm_sregs", "apic_base", ref sregs, ref sregs.ApicBase);
        t.Offset("kvm_sregs", "interrupt_bitmap", ref sregs, ref sregs.InterruptBitmap);
        t.Constant("sizeof(((struct kvm_sregs *)0)->interrupt_bitmap)", (ulong)Unsafe.SizeOf<KvmInterruptBitmap>());

        KvmUserspaceMemoryRegion region = default;
        t.Size<KvmUserspaceMemoryRegion>("kvm_userspace_memory_region");
        t.Offset("kvm_userspace_memory_region", "slot", ref region, ref region.Slot);
        t.Offset("kvm_userspace_memory_region", "flags", ref region, ref region.Flags);
        t.Offset("kvm_userspace_memory_region", "guest_phys_addr", ref region, ref region.GuestPhysAddr);
        t.Offset("kvm_userspace_memory_region", "memory_size", ref region, ref region.MemorySize);
        t.Offset("kvm_userspace_memory_region", "userspace_addr", ref region, ref region.UserspaceAddr);
        t.Constant("KVM_MEM_LOG_DIRTY_PAGES", KvmUserspaceMemoryRegion.LogDirtyPages);
        t.Constant("KVM_MEM_READONLY", KvmUserspaceMemoryRegion.ReadOnly);

        KvmCpuidEntry2 entry = default;
        t.Size<KvmCpuidEntry2>("kvm_cpuid_entry2");
        t.Offset("kvm_cpuid_entry2", "function", ref entry, ref entry.Function);
        t.Offset("kvm_cpuid_entry2", "index", ref entry, ref entry.Index);
        t.Offset("kvm_cpuid_entry2", "flags", ref entry, ref entry.Flags);
        t.Offset("kvm_cpuid_entry2", "eax", ref entry, ref entry.Eax);
        t.Offset("kvm_cpuid_entry2", "ebx", ref entry, ref entry.Ebx);
        t.Offset("kvm_cpuid_entry2", "ecx", ref entry, ref entry.Ecx);
        t.Offset("kvm_cpuid_entry2", "edx", ref entry, ref entry.Edx);
        t.Constant("KVM_CPUID_FLAG_SIGNIFCANT_INDEX", KvmCpuidEntry2.SignificantIndex);
        KvmCpuid2Header cpuid = default;
        t.Size<KvmCpuid2Header>("kvm_cpuid2");
        t.Offset("kvm_cpuid2", "nent", ref cpuid, ref cpuid.EntryCount);
        t.Constant("offsetof(struct kvm_cpuid2, entries)", (ulong)Unsafe.SizeOf<KvmCpuid2Header>());

        KvmXcr xcr = default;
        t.Size<KvmXcr>("kvm_xcr");
        t.Offset("kvm_xcr", "xcr", ref xcr, ref xcr.Xcr);
        t.Offset("kvm_xcr", "value", ref xcr, ref xcr.Value);
        KvmXcrs xcrs = default;
        t.Size<KvmXcrs>("kvm_xcrs");
        t.Offset("kvm_xcrs", "nr_xcrs", ref xcrs, ref xcrs.Count);
        t.Offset("kvm_xcrs", "flags", ref xcrs, ref xcrs.Flags);
        t.Offset("kvm_xcrs", "xcrs", ref xcrs, ref xcrs.Xcrs);
        t.Constant("KVM_MAX_XCRS", (ulong)Unsafe.SizeOf<KvmXcrArray>() / (ulong)Unsafe.SizeOf<KvmXcr>());
        t.Size<KvmXsave>("kvm_xsave");

        KvmMsrEntry msr = default;
        t.Size<KvmMsrEntry>("kvm_msr_entry");
        t.Offset("kvm_msr_entry", "index", ref msr, ref msr.Index);
        t.Offset("kvm_msr_entry", "data", ref msr, ref msr.Data);
        KvmMsrsHeader msrs = default;
        t.Size<KvmMsrsHeader>("kvm_msrs");
        t.Offset("kvm_msrs", "nmsrs", ref msrs, ref msrs.EntryCount);
        t.Constant("offsetof(struct kvm_msrs, entries)", (ulong)Unsafe.SizeOf<KvmMsrsHeader>());

        AddRun(t);
        AddRequests(t);
        AddEnums(t);
        return t.Entries;
    }

    private static void AddRun(LayoutRecorder t)
    {
        KvmRun run = default;
        t.Size<KvmRun>("kvm_run");
        t.Offset("kvm_run", "request_interrupt_window", ref run, ref run.RequestInterruptWindow);
        t.Offset("kvm_run", "immediate_exit", ref run, ref run.ImmediateExit);
        t.Offset("kvm_run", "exit_reason", ref run, ref run.ExitReason);
        t.Offset("kvm_run", "ready_for_interrupt_injection", ref run, ref run.ReadyForInterruptInjection);
        t.Offset("kvm_run", "if_flag", ref run, ref run.IfFlag);
        t.Offset("kvm_run", "flags", ref run, ref run.Flags);
        t.Offset("kvm_run", "cr8", ref run, ref run.Cr8);
        t.Offset("kvm_run", "apic_base", ref run, ref run.ApicBase);
        t.Offset("kvm_run", "hw.hardware_exit_reason", ref run, ref run.HardwareExitReason);
        t.Offset("kvm_run", "fail_entry.hardware_entry_failure_reason", ref run, ref run.FailEntry.HardwareEntryFailureReason);
        t.Offset("kvm_run", "fail_entry.cpu", ref run, ref run.FailEntry.Cpu);
        t.Offset("kvm_run", "io.direction", ref run, ref run.Io.Direction);
        t.Offset("kvm_run", "io.size", ref run, ref run.Io.Size);
        t.Offset("kvm_run", "io.port", ref run, ref run.Io.Port);
        t.Offset("kvm_run", "io.count", ref run, ref run.Io.Count);
        t.Offset("kvm_run", "io.data_offset", ref run, ref run.Io.DataOffset);
        t.Offset("kvm_run", "mmio.phys_addr", ref run, ref run.Mmio.PhysAddr);
        t.Offset("kvm_run", "mmio.data", ref run, ref run.Mmio.Data);
        t.Offset("kvm_run", "mmio.len", ref run, ref run.Mmio.Length);
        t.Offset("kvm_run", "mmio.is_write", ref run, ref run.Mmio.IsWrite);
        t.Offset("kvm_run", "internal.suberror", ref run, ref run.InternalError.Suberror);
        t.Offset("kvm_run", "internal.ndata", ref run, ref run.InternalError.DataCount);
        t.Offset("kvm_run", "internal.data", ref run, ref run.InternalError.Data);
        t.Constant("sizeof(((struct kvm_run *)0)->internal.data)", (ulong)Unsafe.SizeOf<KvmInternalErrorData>());
        t.Constant("sizeof(((struct kvm_run *)0)->mmio.data)", (ulong)Unsafe.SizeOf<KvmMmioData>());
        t.Offset("kvm_run", "kvm_valid_regs", ref run, ref run.ValidRegs);
        t.Offset("kvm_run", "kvm_dirty_regs", ref run, ref run.DirtyRegs);
        t.Offset("kvm_run", "s", ref run, ref run.SyncRegs);
        t.Constant("offsetof(struct kvm_run, s)", KvmRun.SyncRegsOffset);
        t.Offset("kvm_run", "s.regs.regs", ref run, ref run.SyncRegs.Regs);
        t.Offset("kvm_run", "s.regs.sregs", ref run, ref run.SyncRegs.Sregs);
        t.Size<KvmSyncRegs>("kvm_sync_regs");
        t.Constant("KVM_SYNC_X86_REGS", KvmSyncRegs.X86Regs);
        t.Constant("KVM_SYNC_X86_SREGS", KvmSyncRegs.X86Sregs);
        t.Constant("KVM_SYNC_X86_EVENTS", KvmSyncRegs.X86Events);
        t.Constant("KVM_EXIT_IO_IN", KvmIoExit.In);
        t.Constant("KVM_EXIT_IO_OUT", KvmIoExit.Out);
        t.Constant("KVM_INTERNAL_ERROR_EMULATION", KvmInternalErrorExit.Emulation);
        t.Constant("KVM_INTERNAL_ERROR_SIMUL_EX", KvmInternalErrorExit.SimultaneousException);
        t.Constant("KVM_INTERNAL_ERROR_DELIVERY_EV", KvmInternalErrorExit.DeliveryEvent);
        t.Constant("KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON", KvmInternalErrorExit.UnexpectedExitReason);
    }

    private static void AddRequests(LayoutRecorder t)
    {
        t.Constant("KVMIO", KvmRequest.KvmIo);
        t.Constant("KVM_GET_API_VERSION", KvmRequest.GetApiVersion);
        t.Constant("KVM_CREATE_VM", KvmRequest.CreateVm);
        t.Constant("KVM_CHECK_EXTENSION", KvmRequest.CheckExtension);
        t.Constant("KVM_GET_VCPU_MMAP_SIZE", KvmRequest.GetVcpuMmapSize);
        t.Constant("KVM_GET_TSC_KHZ", KvmRequest.GetTscKhz);
        t.Constant("KVM_GET_SUPPORTED_CPUID", KvmRequest.GetSupportedCpuid);
        t.Constant("KVM_CREATE_VCPU", KvmRequest.CreateVcpu);
        t.Constant("KVM_SET_USER_MEMORY_REGION", KvmRequest.SetUserMemoryRegion);
        t.Constant("KVM_SET_TSS_ADDR", KvmRequest.SetTssAddr);
        t.Constant("KVM_SET_IDENTITY_MAP_ADDR", KvmRequest.SetIdentityMapAddr);
        t.Constant("KVM_RUN", KvmRequest.Run);
        t.Constant("KVM_GET_REGS", KvmRequest.GetRegs);
        t.Constant("KVM_SET_REGS", KvmRequest.SetRegs);
        t.Constant("KVM_GET_SREGS", KvmRequest.GetSregs);
        t.Constant("KVM_SET_SREGS", KvmRequest.SetSregs);
        t.Constant("KVM_GET_MSRS", KvmRequest.GetMsrs);
        t.Constant("KVM_SET_MSRS", KvmRequest.SetMsrs);
        t.Constant("KVM_SET_CPUID2", KvmRequest.SetCpuid2);
        t.Constant("KVM_GET_XSAVE", KvmRequest.GetXsave);
        t.Constant("KVM_SET_XSAVE", KvmRequest.SetXsave);
        t.Constant("KVM_GET_XCRS", KvmRequest.GetXcrs);
        t.Constant("KVM_SET_XCRS", KvmRequest.SetXcrs);
        t.Constant("KVM_GET_XSAVE2", KvmRequest.GetXsave2);
    }

    private static void AddEnums(LayoutRecorder t)
    {
        foreach (KvmCapability capability in Enum.GetValues<KvmCapability>())
            t.Constant(KvmSystem.CapabilityName(capability), (ulong)capability);
        foreach (KvmExitReason reason in Enum.GetValues<KvmExitReason>())
            t.Constant("KVM_EXIT_" + ExitName(reason), (ulong)reason);
    }

    private static string ExitName(KvmExitReason reason) => reason switch
    {
        KvmExitReason.IrqWindowOpen => "IRQ_WINDOW_OPEN",
        KvmExitReason.FailEntry => "FAIL_ENTRY",
        KvmExitReason.SetTpr => "SET_TPR",
        KvmExitReason.TprAccess => "TPR_ACCESS",
        KvmExitReason.InternalError => "INTERNAL_ERROR",
        KvmExitReason.SystemEvent => "SYSTEM_EVENT",
        _ => reason.ToString().ToUpperInvariant(),
    };
}
