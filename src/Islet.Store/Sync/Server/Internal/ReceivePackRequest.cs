using Islet.Store.Git;

namespace Islet.Store.Sync.Server.Internal;

/// <summary>
/// The command list of one push (gitprotocol-pack "Reference Update Request"): <c>OLD NEW REF</c>
/// lines, capabilities after a NUL on the first, a flush; then the pack, unless every command is a
/// delete. <see cref="Pack"/> streams the bytes after the flush.
/// </summary>
internal sealed class ReceivePackRequest
{
    private ReceivePackRequest(Stream pack) => Pack = pack;

    public List<(GitObjectId Old, GitObjectId New, string Ref)> Commands { get; } = [];

    public HashSet<string> Capabilities { get; } = new(StringComparer.Ordinal);

    /// <summary>The rest of the body: the raw pack.</summary>
    public Stream Pack { get; }

    /// <summary>Reads the commands; malformed or over-limit input raises <see cref="GitProtocolException"/>.</summary>
    public static async ValueTask<ReceivePackRequest> ReadAsync(Stream body, GitHashAlgorithm algorithm, GitServerOptions options, CancellationToken cancellationToken)
    {
        var reader = new PktLineReader(body);
        var commands = new List<(GitObjectId, GitObjectId, string)>();
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        int idLength = GitObjectId.LengthOf(algorithm) * 2;
        while (true)
        {
            PktLineKind kind = await reader.ReadAsync(cancellationToken).ConfigureAwait(true);
            if (kind == PktLineKind.Flush) break;
            if (kind != PktLineKind.Data) throw new GitProtocolException(GitProtocolError.UnexpectedLine, "expected a command or flush");
            string line = reader.PayloadText;
            int nul = line.IndexOf('\0');
            if (nul >= 0)
            {
                if (commands.Count == 0)
                {
                    foreach (string capability in line[(nul + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        capabilities.Add(capability);
                }
                line = line[..nul];
            }
            if (line.Length < 2 * idLength + 3 || line[idLength] != ' ' || line[2 * idLength + 1] != ' ')
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, $"'{UploadPackRequest.Printable(line)}' is not a ref update command");
            GitObjectId old = UploadPackRequest.ParseId(line[..idLength], algorithm);
            GitObjectId @new = UploadPackRequest.ParseId(line.Substring(idLength + 1, idLength), algorithm);
            commands.Add((old, @new, line[(2 * idLength + 2)..]));
            if (commands.Count > options.MaxCommands)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"more than {options.MaxCommands} commands");
        }
        var request = new ReceivePackRequest(new PrefixedReadStream(reader.TakeBuffered(), body));
        request.Commands.AddRange(commands);
        request.Capabilities.UnionWith(capabilities);
        return request;
    }
}
