namespace Islet.Store.Git;

/// <summary>The object format of a repository: SHA-1 (the default, 20-byte ids) or SHA-256 (32-byte ids).</summary>
public enum GitHashAlgorithm
{
    /// <summary>SHA-1, 20 bytes, 40 hex digits.</summary>
    Sha1,

    /// <summary>SHA-256 (<c>extensions.objectFormat = sha256</c>), 32 bytes, 64 hex digits.</summary>
    Sha256,
}
