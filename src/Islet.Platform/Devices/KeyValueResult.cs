namespace Islet.Devices;

/// <summary>The outcome of <see cref="IKeyValueStore.GetAsync"/>: a value or an error.</summary>
public readonly struct KeyValueResult
{
    private KeyValueResult(ReadOnlyMemory<byte> value, KeyValueError error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The bytes; empty unless <see cref="Error"/> is <see cref="KeyValueError.None"/>.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Why there is no value, or <see cref="KeyValueError.None"/>.</summary>
    public KeyValueError Error { get; }

    /// <summary>True when a value was read.</summary>
    public bool Found => Error == KeyValueError.None;

    /// <summary>A successful read.</summary>
    public static KeyValueResult Success(ReadOnlyMemory<byte> value) => new(value, KeyValueError.None);

    /// <summary>A failed read.</summary>
    public static KeyValueResult Failure(KeyValueError error) => new(default, error);
}
