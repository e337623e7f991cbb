namespace Islet.Store.Sync.Server;

/// <summary>Limits of the smart HTTP server: what one request may ask for, so a hostile client cannot exhaust memory.</summary>
/// <remarks>A request over a limit is refused (HTTP 400, or an <c>ERR</c> line once the protocol has started). The HTTP body size itself is <c>HttpServerOptions.MaxRequestBodySize</c>.</remarks>
public sealed record GitServerOptions
{
    /// <summary>Most <c>want</c> lines in one upload-pack request. Default 100,000.</summary>
    public int MaxWants { get; init; } = 100_000;

    /// <summary>Most <c>have</c> lines in one upload-pack request. Default 100,000.</summary>
    public int MaxHaves { get; init; } = 100_000;

    /// <summary>Most ref update commands in one push. Default 10,000.</summary>
    public int MaxCommands { get; init; } = 10_000;

    /// <summary>Most objects in a pack the server builds, and most objects walked by one check. Default 5,000,000.</summary>
    public int MaxObjects { get; init; } = 5_000_000;

    /// <summary>Most bytes of an upload-pack request after gzip is undone. Default 64 MiB.</summary>
    public long MaxInflatedRequestBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The <c>agent=</c> capability value.</summary>
    public string Agent { get; init; } = "islet/0.1";

    /// <summary>The defaults.</summary>
    public static GitServerOptions Default { get; } = new();
}
