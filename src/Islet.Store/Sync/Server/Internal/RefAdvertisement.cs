using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// The refs a repository advertises (gitprotocol-pack "Reference Discovery", protocol v0/v1): HEAD
/// first when it resolves, then every ref under <c>refs/</c> in name order, each annotated tag
/// followed by its peeled <c>NAME^{}</c> line; the capabilities after a NUL on the first line; an
/// empty repository advertises <c>capabilities^{}</c> with the zero id.
/// </summary>
internal sealed class RefAdvertisement
{
    private RefAdvertisement(List<(GitObjectId Id, string Name)> lines, string? headTarget, HashSet<GitObjectId> tips)
    {
        Lines = lines;
        HeadTarget = headTarget;
        Tips = tips;
    }

    /// <summary>The advertised (id, name) pairs, peeled lines included.</summary>
    public List<(GitObjectId Id, string Name)> Lines { get; }

    /// <summary>The branch HEAD names, if HEAD is symbolic.</summary>
    public string? HeadTarget { get; }

    /// <summary>Every id advertised (what upload-pack accepts as a want).</summary>
    public HashSet<GitObjectId> Tips { get; }

    /// <summary>Reads the refs of <paramref name="backend"/>; unresolvable refs (a symbolic ref to nothing) are left out.</summary>
    public static RefAdvertisement Read(IStoreBackend backend, ObjectGraph graph)
    {
        var lines = new List<(GitObjectId, string)>();
        var tips = new HashSet<GitObjectId>();
        string? headTarget = backend.Refs.Read("HEAD") is { IsSymbolic: true } head ? head.SymbolicTarget : null;
        if (backend.Refs.Resolve("HEAD") is { } headId)
        {
            lines.Add((headId, "HEAD"));
            tips.Add(headId);
        }
        foreach (GitRef reference in backend.Refs.List("refs/"))
        {
            GitObjectId? id = reference.Value.IsSymbolic ? backend.Refs.Resolve(reference.Name) : reference.Value.Id;
            if (id is not { } value) continue;
            lines.Add((value, reference.Name));
            tips.Add(value);
            if (graph.TypeOf(value) == GitObjectType.Tag && graph.Peel(value) is { } peeled)
            {
                lines.Add((peeled.Id, reference.Name + "^{}"));
                tips.Add(peeled.Id);
            }
        }
        return new RefAdvertisement(lines, headTarget, tips);
    }

    /// <summary>Writes the advertisement and its flush; <paramref name="capabilities"/> go on the first line (with <c>symref=</c> added when HEAD is symbolic).</summary>
    public void Write(PktLineStreamWriter writer, string capabilities, GitHashAlgorithm algorithm, bool withSymref)
    {
        if (withSymref && HeadTarget is not null && Lines.Count > 0 && Lines[0].Name == "HEAD")
            capabilities += " symref=HEAD:" + HeadTarget;
        if (Lines.Count == 0)
        {
            string zero = new('0', GitObjectId.LengthOf(algorithm) * 2);
            writer.Text($"{zero} capabilities^{{}}\0{capabilities}");
        }
        for (int i = 0; i < Lines.Count; i++)
        {
            (GitObjectId id, string name) = Lines[i];
            writer.Text(i == 0 ? $"{id} {name}\0{capabilities}" : $"{id} {name}");
        }
        writer.Flush();
    }
}
