using System.Text;

namespace Islet.Platform.Tests.Content;

/// <summary>A temporary content folder with the shapes a site has, deleted on dispose.</summary>
internal sealed class ContentFixture : IDisposable
{
    public const string IndexHtml = "<!doctype html>\n<html><head><link rel=\"stylesheet\" href=\"css/site.css\"></head>\n<body><h1>Islet</h1><p>Hello, hello, hello, hello, hello, hello.</p></body></html>\n";
    public const string SiteCss = "body { margin: 0; font-family: sans-serif; }\nh1 { color: #333; }\nh2 { color: #333; }\nh3 { color: #333; }\n";

    public ContentFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "islet-content-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "site");
        Write("index.html", Encoding.UTF8.GetBytes(IndexHtml));
        Write("css/site.css", Encoding.UTF8.GetBytes(SiteCss));
        Write("css/copy-of-site.css", Encoding.UTF8.GetBytes(SiteCss));
        Write("img/all-bytes.png", AllBytes);
        Write("a/b/c/deep.txt", "deep\n"u8.ToArray());
        Write("empty.txt", []);
        Write("js/big.js", BigScript());
        Write(".secret", "hidden\n"u8.ToArray());
        Write(".git/config", "[core]\n"u8.ToArray());
        Write("css/.cache/x.css", "hidden\n"u8.ToArray());
    }

    /// <summary>The temporary directory holding <see cref="Folder"/>.</summary>
    public string Root { get; }

    /// <summary>The content folder.</summary>
    public string Folder { get; }

    /// <summary>Every visible key, in ordinal order.</summary>
    public static readonly string[] Keys =
    [
        "a/b/c/deep.txt", "css/copy-of-site.css", "css/site.css", "empty.txt", "img/all-bytes.png", "index.html", "js/big.js",
    ];

    /// <summary>256 bytes, 0 to 255: binary data that gzip cannot shrink.</summary>
    public static byte[] AllBytes { get; } = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    public string PathOf(string key) => Path.Combine(Folder, key);

    public byte[] Read(string key) => File.ReadAllBytes(PathOf(key));

    public void Write(string key, byte[] bytes)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    // About 300 KB of varied but compressible script.
    private static byte[] BigScript()
    {
        var s = new StringBuilder();
        for (var i = 0; s.Length < 300_000; i++)
            s.Append("export function f").Append(i).Append("(x) { return x * ").Append(i % 97).Append(" + ").Append(i * 7919 % 1009).Append("; }\n");
        return Encoding.UTF8.GetBytes(s.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
