namespace Islet.Devices;

/// <summary>Why a key-value read did not produce a value.</summary>
public enum KeyValueError
{
    /// <summary>The read succeeded.</summary>
    None,
    /// <summary>No value has this key.</summary>
    NotFound,
    /// <summary>The value exists but not in the requested encoding.</summary>
    EncodingUnavailable,
}
