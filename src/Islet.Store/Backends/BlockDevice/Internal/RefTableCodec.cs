using System.Text;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Backends.BlockDevice.Internal;

/// <summary>
/// The payload of a ref-table record: one line per ref in ordinal name order, <c>NAME VALUE\n</c>,
/// VALUE being a loose ref's text (<c>HEX</c> or <c>ref: TARGET</c>). Names never hold spaces or newlines.
/// </summary>
internal static class RefTableCodec
{
    public static byte[] Encode(IReadOnlyDictionary<string, GitRefValue> refs)
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, GitRefValue> entry in refs.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(entry.Key).Append(' ').Append(entry.Value.ToLooseText());
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Decodes a table; throws <see cref="BlockStoreException"/> (<see cref="BlockStoreError.Corrupt"/>) when it is malformed.</summary>
    public static Dictionary<string, GitRefValue> Decode(ReadOnlySpan<byte> payload, GitHashAlgorithm algorithm)
    {
        var refs = new Dictionary<string, GitRefValue>(StringComparer.Ordinal);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            throw new BlockStoreException(BlockStoreError.Corrupt, "The ref table is not UTF-8.");
        }
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ');
            string name = space > 0 ? line[..space] : "";
            try
            {
                GitRefName.Check(name);
                if (!refs.TryAdd(name, GitRefValue.ParseLoose(Encoding.UTF8.GetBytes(line[(space + 1)..] + "\n"), algorithm, name)))
                    throw new BlockStoreException(BlockStoreError.Corrupt, $"The ref table lists '{name}' twice.");
            }
            catch (GitRefException e)
            {
                throw new BlockStoreException(BlockStoreError.Corrupt, $"The ref table has a bad line: {e.Message}");
            }
        }
        return refs;
    }
}
