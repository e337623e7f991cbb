namespace Islet.Store.Sync.Internal;

/// <summary>Reads a receive-pack <c>report-status</c> (gitprotocol-pack "Report Status").</summary>
internal static class PushReport
{
    /// <summary>
    /// Reads <c>unpack ok</c>, then <c>ok REF</c> / <c>ng REF REASON</c> lines up to a flush-pkt:
    /// a map from ref to null (ok) or the remote's reason.
    /// </summary>
    /// <exception cref="GitProtocolException">The remote failed to unpack (Rejected), or the report is malformed.</exception>
    public static async ValueTask<Dictionary<string, string?>> ReadAsync(PktLineReader reader, int commandCount, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken) != PktLineKind.Data)
            throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote's report-status does not start with an unpack line.");
        string unpack = reader.PayloadText;
        if (unpack.StartsWith("ERR ", StringComparison.Ordinal))
            throw new GitProtocolException(GitProtocolError.RemoteError, $"The remote refused: {unpack[4..]}");
        if (!unpack.StartsWith("unpack ", StringComparison.Ordinal))
            throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote's report-status does not start with an unpack line.");
        if (unpack != "unpack ok")
            throw new GitProtocolException(GitProtocolError.Rejected, $"The remote could not unpack the pushed objects: {unpack[7..]}");
        var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int line = 0; line <= commandCount; line++)
        {
            if (await reader.ReadAsync(cancellationToken) != PktLineKind.Data)
                return verdicts;
            string text = reader.PayloadText;
            if (text.StartsWith("ok ", StringComparison.Ordinal))
                verdicts[text[3..]] = null;
            else if (text.StartsWith("ng ", StringComparison.Ordinal))
            {
                int space = text.IndexOf(' ', 3);
                verdicts[space < 0 ? text[3..] : text[3..space]] = space < 0 ? "rejected" : text[(space + 1)..];
            }
            else
                throw new GitProtocolException(GitProtocolError.UnexpectedLine, "The remote's report-status has a malformed line.");
        }
        throw new GitProtocolException(GitProtocolError.LimitExceeded, "The remote reported on more refs than were pushed.");
    }
}
