using Islet.Abi.Seccomp;

namespace Islet.Abi.Internal;

/// <summary>
/// Emits the BPF for one 64-bit argument test. Each check falls through when the test holds
/// and jumps to the given fail label when it does not; it loads what it needs (A is clobbered).
/// </summary>
internal static class ArgumentCheckEmitter
{
    public static void Emit(BpfAssembler asm, ArgumentConstraint constraint, ulong k, int fail)
    {
        uint low = SeccompCompiler.ArgsOffset + 8 * (uint)constraint.Index;
        uint high = low + 4;
        switch (constraint.Test)
        {
            case ArgumentTest.Equal:
                EmitMaskedEqual(asm, low, high, ulong.MaxValue, k, fail);
                break;
            case ArgumentTest.MaskedEqual:
                EmitMaskedEqual(asm, low, high, constraint.Mask, k, fail);
                break;
            case ArgumentTest.LessThan:
                EmitLessThan(asm, low, high, k, notBelow: fail, below: -1);
                break;
            default:
                // arg >= k is arg < k with the outcomes swapped.
                if (k == 0) return;
                int pass = asm.NewLabel();
                EmitLessThan(asm, low, high, k, notBelow: pass, below: fail);
                asm.Bind(pass);
                break;
        }
    }

    // Each 32-bit half separately: (half & maskHalf) == kHalf.
    private static void EmitMaskedEqual(BpfAssembler asm, uint low, uint high, ulong mask, ulong k, int fail)
    {
        if ((k & ~mask) != 0)
        {
            asm.Jump(fail);
            return;
        }
        EmitHalf(asm, high, (uint)(mask >> 32), (uint)(k >> 32), fail);
        EmitHalf(asm, low, (uint)mask, (uint)k, fail);
    }

    private static void EmitHalf(BpfAssembler asm, uint offset, uint mask, uint k, int fail)
    {
        if (mask == 0) return;
        asm.LoadWord(offset);
        if (k == 0)
        {
            // (A & mask) == 0: any set bit fails.
            asm.Branch(BpfInstruction.JumpIfAnySet, mask, fail, asm.Next());
            return;
        }
        if (mask != uint.MaxValue) asm.And(mask);
        asm.Branch(BpfInstruction.JumpIfEqual, k, asm.Next(), fail);
    }

    // Unsigned 64-bit arg < k: high words decide unless equal, then the low words do.
    // Jumps to `below` (or falls through if -1) when arg < k, to `notBelow` otherwise.
    private static void EmitLessThan(BpfAssembler asm, uint low, uint high, ulong k, int notBelow, int below)
    {
        int end = below < 0 ? asm.NewLabel() : below;
        if (k == 0)
        {
            asm.Jump(notBelow);
        }
        else
        {
            uint kHigh = (uint)(k >> 32), kLow = (uint)k;
            asm.LoadWord(high);
            if (kHigh != 0) asm.Branch(BpfInstruction.JumpIfGreater, kHigh, notBelow, asm.Next());
            // kHigh == 0 here means A > 0 is already >= k.
            asm.Branch(BpfInstruction.JumpIfEqual, kHigh, asm.Next(), kHigh != 0 ? end : notBelow);
            asm.LoadWord(low);
            asm.Branch(BpfInstruction.JumpIfGreaterOrEqual, kLow, notBelow, below < 0 ? asm.Next() : end);
        }
        if (below < 0) asm.Bind(end);
    }
}
