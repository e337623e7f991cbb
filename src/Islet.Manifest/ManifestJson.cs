using System.Text.Json;

namespace Islet.Manifest;

/// <summary>Writes and reads the manifest's JSON (the format <see cref="IsletManifest"/> describes).</summary>
public static class ManifestJson
{
    /// <summary>The manifest as UTF-8 JSON, indented, in declaration order: the same manifest always gives the same bytes.</summary>
    public static byte[] Serialize(IsletManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.IsletManifest);

    /// <summary>
    /// Parses and checks <paramref name="json"/>: the format version, required values, device
    /// kinds and unique names, memory of at least 1 MiB and a hash of 64 hex characters.
    /// Throws <see cref="ManifestFormatException"/> for anything else.
    /// </summary>
    public static IsletManifest Parse(ReadOnlySpan<byte> json)
    {
        IsletManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.IsletManifest);
        }
        catch (JsonException e)
        {
            throw new ManifestFormatException($"the manifest is not valid JSON of the expected shape: {e.Message}", e);
        }
        if (manifest is null) throw new ManifestFormatException("the manifest is JSON null");
        ManifestValidator.Check(manifest);
        return manifest;
    }

    /// <summary>
    /// The offset in <paramref name="json"/> of the 64 characters of the top-level
    /// <c>imageSha256</c> value (after its opening quote). Throws
    /// <see cref="ManifestFormatException"/> when the JSON is malformed, has no such value, has
    /// two, or the value is not 64 unescaped characters.
    /// </summary>
    public static int FindHashValue(ReadOnlySpan<byte> json)
    {
        int found = -1;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName
                    || !reader.ValueTextEquals(IsletManifest.HashPropertyName)) continue;
                if (found >= 0) throw new ManifestFormatException($"the manifest has two '{IsletManifest.HashPropertyName}' values");
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                    || reader.ValueSpan.Length != ImageHash.HexLength)
                {
                    throw new ManifestFormatException($"'{IsletManifest.HashPropertyName}' is not a string of {ImageHash.HexLength} plain characters");
                }
                found = checked((int)reader.TokenStartIndex + 1);
            }
        }
        catch (JsonException e)
        {
            throw new ManifestFormatException($"the manifest is not valid JSON: {e.Message}", e);
        }
        if (found < 0) throw new ManifestFormatException($"the manifest has no '{IsletManifest.HashPropertyName}' value");
        return found;
    }
}
