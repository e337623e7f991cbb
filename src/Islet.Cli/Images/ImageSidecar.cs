using System.Text.Json;

namespace Islet.Cli.Images;

/// <summary>Reads and writes <see cref="ImageBuildRecord"/> sidecars (<c>IMAGE.islet.json</c>).</summary>
public static class ImageSidecar
{
    /// <summary>Writes <paramref name="record"/> next to <paramref name="imagePath"/>, replacing any sidecar.</summary>
    public static void Write(string imagePath, ImageBuildRecord record)
    {
        string json = JsonSerializer.Serialize(record, CliJsonContext.Default.ImageBuildRecord);
        File.WriteAllText(ImageBuildRecord.SidecarPath(imagePath), json + "\n");
    }

    /// <summary>
    /// Reads the sidecar of <paramref name="imagePath"/>; null when there is none. Throws a
    /// failure <see cref="CliException"/> when it exists but is not a valid record.
    /// </summary>
    public static ImageBuildRecord? TryRead(string imagePath)
    {
        string path = ImageBuildRecord.SidecarPath(imagePath);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.ImageBuildRecord)
                ?? throw CliException.Failure($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw CliException.Failure($"{path} is not a valid image record: {e.Message}");
        }
    }
}
