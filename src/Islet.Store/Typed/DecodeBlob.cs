namespace Islet.Store;

/// <summary>Decodes a whole blob into a value (spans cannot be <see cref="Func{T, TResult}"/> arguments).</summary>
public delegate T DecodeBlob<out T>(ReadOnlySpan<byte> blob);
