namespace Islet.Devices;

/// <summary>A key-value store's backing medium failed (not a missing key: that is an ordinary answer).</summary>
public sealed class KeyValueException(string message, Exception? inner = null) : IOException(message, inner);
