using System.Text.Json.Serialization;

namespace Islet.Manifest;

/// <summary>What a declared device is, written in lower case in the manifest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ManifestDeviceKind>))]
public enum ManifestDeviceKind
{
    /// <summary><c>network</c>: one Ethernet frame per read or write on the fd.</summary>
    [JsonStringEnumMemberName("network")]
    Network,

    /// <summary><c>block</c>: pread/pwrite at sector offsets on the fd.</summary>
    [JsonStringEnumMemberName("block")]
    Block,
}
