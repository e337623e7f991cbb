namespace Islet;

/// <summary>
/// A device an application declares in its project (<c>&lt;IsletDevice Include="NAME" Kind="network|block" /&gt;</c>).
/// Sealed images receive declared device <c>i</c> as file descriptor <c>3 + i</c>, in
/// declaration order, and refuse to start when one is missing.
/// </summary>
public sealed record DeviceDeclaration(string Name, DeviceKind Kind)
{
    /// <summary>The lower-case kind as the manifest and messages spell it.</summary>
    public string KindName => Kind == DeviceKind.Network ? "network" : "block";
}
