using System.Runtime.CompilerServices;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>Collects (C expression, C# value) pairs for the kernel-header comparison.</summary>
internal sealed class LayoutRecorder
{
    public List<(string Expression, ulong Value)> Entries { get; } = [];

    /// <summary>sizeof(struct <paramref name="cStruct"/>) against the managed size of <typeparamref name="T"/>.</summary>
    public void Size<T>(string cStruct) => Entries.Add(($"sizeof(struct {cStruct})", (ulong)Unsafe.SizeOf<T>()));

    /// <summary>offsetof(struct, member) against the byte distance from <paramref name="value"/> to <paramref name="field"/>.</summary>
    public void Offset<T, TField>(string cStruct, string member, ref T value, ref TField field) =>
        Entries.Add(($"offsetof(struct {cStruct}, {member})",
            (ulong)Unsafe.ByteOffset(ref Unsafe.As<T, byte>(ref value), ref Unsafe.As<TField, byte>(ref field))));

    /// <summary>Any C expression (a macro, a member size) against a value.</summary>
    public void Constant(string expression, ulong value) => Entries.Add((expression, value));
}
