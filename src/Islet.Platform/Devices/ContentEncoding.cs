namespace Islet.Devices;

/// <summary>The stored representations of a value.</summary>
public enum ContentEncoding
{
    /// <summary>The value as it is.</summary>
    Identity,
    /// <summary>A gzip (RFC 1952) compression of the value made at build time.</summary>
    Gzip,
}
