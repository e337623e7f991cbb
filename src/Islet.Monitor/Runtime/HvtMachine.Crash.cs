using System.Text;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;

namespace Islet.Monitor.Runtime;

public sealed partial class HvtMachine
{
    private const int MaxStackFrames = 32;

    /// <summary>
    /// Ends the machine because of <paramref name="thread"/>: reports why, its registers (the
    /// interrupted user context), CR2, the symbol at RIP and a frame-pointer walk of the guest stack
    /// (symbolised where the image's symbols are known), then ends with <paramref name="status"/>.
    /// </summary>
    internal void Crash(GuestThread thread, string reason, int status)
    {
        if (Ending) return;
        Report(FormatCrash(thread, reason));
        thread.MarkExited();
        End(status);
    }

    private string FormatCrash(GuestThread thread, string reason)
    {
        KvmRegs r = thread.Regs;
        var s = new StringBuilder();
        s.Append("the guest crashed: ").AppendLine(reason);
        s.Append("  thread ").Append(thread.Tid).Append(" (vCPU ").Append(thread.Slot).AppendLine(")");
        s.Append("  rip ").AppendLine(Symbolize(r.Rip));
        Line(s, ("rax", r.Rax), ("rbx", r.Rbx), ("rcx", r.Rcx), ("rdx", r.Rdx));
        Line(s, ("rsi", r.Rsi), ("rdi", r.Rdi), ("rbp", r.Rbp), ("rsp", r.Rsp));
        Line(s, ("r8", r.R8), ("r9", r.R9), ("r10", r.R10), ("r11", r.R11));
        Line(s, ("r12", r.R12), ("r13", r.R13), ("r14", r.R14), ("r15", r.R15));
        Line(s, ("rflags", r.Rflags), ("cr2", thread.Sregs.Cr2), ("fs", thread.Sregs.Fs.Base), ("image", LoadBase));
        s.AppendLine("  stack (frame pointers):");
        ulong frame = r.Rbp;
        s.Append("    #0 ").AppendLine(Symbolize(r.Rip));
        for (int i = 1; i < MaxStackFrames && frame != 0 && frame % 8 == 0; i++)
        {
            ulong next, ret;
            try
            {
                next = Memory.ReadUInt64(frame);
                ret = Memory.ReadUInt64(frame + 8);
            }
            catch (GuestMemoryFaultException)
            {
                break;
            }
            if (ret == 0) break;
            s.Append("    #").Append(i).Append(' ').AppendLine(Symbolize(ret));
            if (next <= frame) break;
            frame = next;
        }
        return s.ToString().TrimEnd();
    }

    private static void Line(StringBuilder s, params (string Name, ulong Value)[] values)
    {
        s.Append(' ');
        foreach (var (name, value) in values) s.Append(' ').Append(name.PadLeft(6)).Append(" 0x").Append(value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        s.AppendLine();
    }

    /// <summary>An address as "0x... symbol+0xoff" when it lies in the image and a symbol covers it.</summary>
    internal string Symbolize(ulong address)
    {
        string hex = $"0x{address:x}";
        if (address < _image.ImageStart || address >= _image.ImageEnd) return hex;
        if (Symbols is { } table && table.TryLookup(address - LoadBase, out string name, out ulong offset)) return $"{hex} {name}+0x{offset:x}";
        return $"{hex} (image+0x{address - LoadBase:x})";
    }
}
