using Islet.Store.Git;
using Islet.Store.Git.Refs;

namespace Islet.Store.Sync;

/// <summary>
/// A protocol-v0 ref advertisement (gitprotocol-pack "Reference Discovery"): the refs, the
/// capabilities from the first line, and where HEAD points when the remote says (<c>symref=HEAD:…</c>).
/// </summary>
public sealed class GitRefAdvertisement
{
    /// <summary>The most refs accepted from one remote.</summary>
    public const int MaxRefs = 1_000_000;

    private readonly HashSet<string> _capabilities;

    private GitRefAdvertisement(List<GitAdvertisedRef> refs, HashSet<string> capabilities, string? headTarget)
    {
        Refs = refs;
        _capabilities = capabilities;
        HeadTarget = headTarget;
    }

    /// <summary>The advertised refs in the order sent (HEAD first when present).</summary>
    public IReadOnlyList<GitAdvertisedRef> Refs { get; }

    /// <summary>Every capability as sent (<c>ofs-delta</c>, <c>agent=git/2.39</c>, ...).</summary>
    public IReadOnlyCollection<string> Capabilities => _capabilities;

    /// <summary>The ref HEAD points to, from the <c>symref=HEAD:</c> capability; null when not sent.</summary>
    public string? HeadTarget { get; }

    /// <summary>True when the remote advertised the capability <paramref name="name"/> (without a value).</summary>
    public bool Supports(string name) => _capabilities.Contains(name);

    /// <summary>The advertised ref named <paramref name="name"/>, or null.</summary>
    public GitAdvertisedRef? Find(string name) => Refs.FirstOrDefault(r => r.Name == name);

    /// <summary>
    /// Reads an advertisement up to its flush-pkt. An empty repository's
    /// <c>capabilities^{}</c> line gives no ref. A leading <c>version 1</c> line is skipped.
    /// </summary>
    /// <exception cref="GitProtocolException">Malformed lines, bad ids or ref names, an <c>ERR</c> line (RemoteError), too many refs.</exception>
    public static async ValueTask<GitRefAdvertisement> ReadAsync(PktLineReader reader, GitHashAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var refs = new List<GitAdvertisedRef>();
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        string? headTarget = null;
        int hexLength = GitObjectId.LengthOf(algorithm) * 2;
        bool first = true;
        while (await reader.ReadAsync(cancellationToken) == PktLineKind.Data)
        {
            string line = reader.PayloadText;
            if (line.StartsWith("ERR ", StringComparison.Ordinal))
                throw new GitProtocolException(GitProtocolError.RemoteError, $"The remote refused: {line[4..]}");
            if (first && line == "version 1")
                continue;
            if (first)
            {
                int nul = line.IndexOf('\0');
                if (nul < 0)
                    throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The first advertised ref carries no capability list.");
                foreach (string capability in line[(nul + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    capabilities.Add(capability);
                    if (capability.StartsWith("symref=HEAD:", StringComparison.Ordinal))
                        headTarget = capability["symref=HEAD:".Length..];
                }
                line = line[..nul];
                first = false;
                if (line.Length == hexLength + 16 && line.EndsWith(" capabilities^{}", StringComparison.Ordinal))
                    continue;
            }
            if (line.Length < hexLength + 2 || line[hexLength] != ' ' || !GitObjectId.TryParse(line.AsSpan(0, hexLength), out GitObjectId id))
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote advertised a malformed ref line.");
            string name = line[(hexLength + 1)..];
            if (name.EndsWith("^{}", StringComparison.Ordinal))
            {
                string tagName = name[..^3];
                int last = refs.Count - 1;
                if (last < 0 || refs[last].Name != tagName || refs[last].Peeled is not null)
                    throw new GitProtocolException(GitProtocolError.UnexpectedLine, $"The remote advertised a peeled value for '{tagName}' without the tag.");
                refs[last] = refs[last] with { Peeled = id };
                continue;
            }
            if (name != "HEAD" && !GitRefName.IsValid(name))
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote advertised an invalid ref name.");
            if (refs.Count >= MaxRefs)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"The remote advertised more than {MaxRefs} refs.");
            refs.Add(new GitAdvertisedRef(name, id, null));
        }
        if (headTarget is not null && !GitRefName.IsValid(headTarget))
            throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote's HEAD points to an invalid ref name.");
        return new GitRefAdvertisement(refs, capabilities, headTarget);
    }
}
