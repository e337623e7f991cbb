using System.Collections.Immutable;
using Islet.Abi.Seccomp;

namespace Islet.Abi.Internal;

/// <summary>
/// Builds a forward-only classic BPF program with symbolic jump targets, then lays it out.
/// Conditional jumps only reach 255 instructions; <see cref="Link"/> gives every branch that
/// is further away its own unconditional jump (32-bit offset) placed right after the
/// conditional one, repeating until every offset fits.
/// </summary>
internal sealed class BpfAssembler
{
    private readonly List<Item> _items = [];
    private readonly List<int> _labels = [];

    private record struct Item(ushort Code, uint K, int TrueLabel, int FalseLabel);

    /// <summary>A new label, not yet bound.</summary>
    public int NewLabel()
    {
        _labels.Add(-1);
        return _labels.Count - 1;
    }

    /// <summary>Binds <paramref name="label"/> to the next instruction emitted.</summary>
    public void Bind(int label)
    {
        if (_labels[label] >= 0) throw new InvalidOperationException("Label bound twice.");
        _labels[label] = _items.Count;
    }

    /// <summary>A label bound to the instruction after the next one emitted (the fall-through of a jump).</summary>
    public int Next()
    {
        int label = NewLabel();
        _labels[label] = _items.Count + 1;
        return label;
    }

    public void LoadWord(uint offset) => _items.Add(new Item(BpfInstruction.LoadWordAbsolute, offset, -1, -1));

    public void And(uint mask) => _items.Add(new Item(BpfInstruction.AndConstant, mask, -1, -1));

    public void Return(uint value) => _items.Add(new Item(BpfInstruction.ReturnConstant, value, -1, -1));

    public void Jump(int target) => _items.Add(new Item(BpfInstruction.JumpAlways, 0, target, -1));

    /// <summary>A conditional jump on A against <paramref name="k"/>: true goes to <paramref name="ifTrue"/>, false to <paramref name="ifFalse"/>.</summary>
    public void Branch(ushort code, uint k, int ifTrue, int ifFalse) => _items.Add(new Item(code, k, ifTrue, ifFalse));

    /// <summary>Resolves labels, inserting long jumps where needed.</summary>
    /// <exception cref="InvalidOperationException">A label is unbound, points backwards or past the end.</exception>
    public ImmutableArray<BpfInstruction> Link()
    {
        int n = _items.Count;
        var farTrue = new bool[n];
        var farFalse = new bool[n];
        var position = new int[n + 1];
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 0; i < n; i++)
                position[i + 1] = position[i] + 1 + (farTrue[i] ? 1 : 0) + (farFalse[i] ? 1 : 0);
            for (int i = 0; i < n; i++)
            {
                if (!IsBranch(_items[i].Code)) continue;
                int after = position[i] + 1;
                if (!farTrue[i] && Target(_items[i].TrueLabel, position, i) - after > byte.MaxValue) farTrue[i] = changed = true;
                if (!farFalse[i] && Target(_items[i].FalseLabel, position, i) - after > byte.MaxValue) farFalse[i] = changed = true;
            }
        }

        var program = ImmutableArray.CreateBuilder<BpfInstruction>(position[n]);
        for (int i = 0; i < n; i++)
        {
            Item item = _items[i];
            int after = position[i] + 1;
            if (item.Code == BpfInstruction.JumpAlways)
            {
                program.Add(new BpfInstruction(item.Code, 0, 0, (uint)(Target(item.TrueLabel, position, i) - after)));
            }
            else if (IsBranch(item.Code))
            {
                int trampoline = after;
                int jt = farTrue[i] ? trampoline++ - after : Target(item.TrueLabel, position, i) - after;
                int jf = farFalse[i] ? trampoline - after : Target(item.FalseLabel, position, i) - after;
                program.Add(new BpfInstruction(item.Code, (byte)jt, (byte)jf, item.K));
                if (farTrue[i]) AddLongJump(program, item.TrueLabel, position, i);
                if (farFalse[i]) AddLongJump(program, item.FalseLabel, position, i);
            }
            else
            {
                program.Add(new BpfInstruction(item.Code, 0, 0, item.K));
            }
        }
        return program.MoveToImmutable();
    }

    private void AddLongJump(ImmutableArray<BpfInstruction>.Builder program, int label, int[] position, int from)
    {
        int after = program.Count + 1;
        program.Add(new BpfInstruction(BpfInstruction.JumpAlways, 0, 0, (uint)(Target(label, position, from) - after)));
    }

    // The position of a label's instruction; it must lie strictly after item `from`.
    private int Target(int label, int[] position, int from)
    {
        int item = _labels[label];
        if (item <= from || item >= _items.Count) throw new InvalidOperationException("Jump target is unbound, backwards or past the end.");
        return position[item];
    }

    private static bool IsBranch(ushort code) =>
        code is BpfInstruction.JumpIfEqual or BpfInstruction.JumpIfGreater
            or BpfInstruction.JumpIfGreaterOrEqual or BpfInstruction.JumpIfAnySet;
}
