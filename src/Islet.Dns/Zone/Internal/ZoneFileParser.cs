using System.Diagnostics.CodeAnalysis;

namespace Islet.Dns.Zone.Internal;

/// <summary>
/// The state of one <see cref="ZoneFileReader"/> run (RFC 1035 §5.1): the origin, the previous
/// owner, TTL and class, and the <c>$INCLUDE</c> depth. Turns each tokenized record into a
/// <see cref="ZoneEntry"/> or a directive.
/// </summary>
internal sealed partial class ZoneFileParser
{
    private readonly ZoneFileOptions _options;
    private readonly List<ZoneEntry> _entries = [];
    private string? _origin;
    private string? _previousOwner;
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private DnsClass? _lastClass;
    private string? _fileName;
    private int _depth;

    public ZoneFileParser(ZoneFileOptions options)
    {
        _options = options;
        if (options.Origin is not null)
        {
            if (!ZoneNameText.IsAbsolute(options.Origin) || ZoneNameText.Validate(options.Origin) is not null)
                throw new ArgumentException($"The origin '{options.Origin}' is not a valid absolute name.", nameof(options));
            _origin = options.Origin;
        }
        if (options.DefaultTtl > ZoneTtl.Max)
            throw new ArgumentException("The default TTL is above 2^31-1.", nameof(options));
        _defaultTtl = options.DefaultTtl;
    }

    /// <summary>The entries read so far, in order.</summary>
    public List<ZoneEntry> Entries => _entries;

    /// <summary>Reads every record of <paramref name="text"/>; <paramref name="fileName"/> is null for the top level.</summary>
    public void Parse(string text, string? fileName)
    {
        string? outerFile = _fileName;
        _fileName = fileName;
        var tokenizer = new ZoneTokenizer(text, fileName);
        var tokens = new List<ZoneRawToken>();
        while (tokenizer.TryReadRecord(tokens, out int line, out bool blankOwner))
        {
            if (!blankOwner && !tokens[0].IsQuoted && tokens[0].Text.StartsWith('$'))
                Directive(tokens, line);
            else
                Entry(tokens, line, blankOwner);
        }
        _fileName = outerFile;
    }

    private void Entry(List<ZoneRawToken> tokens, int line, bool blankOwner)
    {
        int i = 0;
        string owner;
        if (blankOwner)
            owner = _previousOwner ?? Fail<string>(line, "no previous owner for a line that starts with a blank");
        else
            owner = Name(tokens[i++]);

        uint? ttl = null;
        DnsClass? dnsClass = null;
        while (i < tokens.Count && !tokens[i].IsQuoted)
        {
            string text = tokens[i].Text;
            if (ttl is null && char.IsAsciiDigit(text[0]))
                ttl = Ttl(tokens[i]);
            else if (dnsClass is null && ZoneMnemonics.TryParseClass(text, out DnsClass parsed))
                dnsClass = parsed;
            else if (dnsClass is null && ZoneMnemonics.LooksLikeClass(text))
                Fail(tokens[i].Line, $"unknown class '{text}'");
            else
                break;
            i++;
        }
        if (i >= tokens.Count)
            Fail(tokens[^1].Line, "missing type");
        ZoneRawToken typeToken = tokens[i++];
        string type = "";
        if (typeToken.IsQuoted || !ZoneMnemonics.TryParseType(typeToken.Text, out type))
            Fail(typeToken.Line, $"unknown type '{typeToken.Text}'");

        var data = new ZoneToken[tokens.Count - i];
        for (int k = 0; k < data.Length; k++)
            data[k] = new ZoneToken(tokens[i + k].Text, tokens[i + k].IsQuoted);

        if (ttl is null)
        {
            ttl = _defaultTtl ?? _lastTtl;
            if (ttl is null && type != "SOA")
                Fail(line, "no TTL, no $TTL and no previous TTL");
            if (ttl is null && data.Length == 7 && !data[6].IsQuoted && ZoneTtl.TryParse(data[6].Text, out uint minimum))
                _lastTtl = minimum;
        }
        else
        {
            _lastTtl = ttl;
        }
        dnsClass ??= _lastClass ?? DnsClass.Internet;
        _lastClass = dnsClass;
        _previousOwner = owner;
        _entries.Add(new ZoneEntry(owner, ttl, dnsClass.Value, type, Array.AsReadOnly(data), _origin, line, _fileName));
    }

    private string Name(ZoneRawToken token)
    {
        if (token.IsQuoted)
            Fail(token.Line, $"quoted string \"{token.Text}\" where a name was expected");
        string? error = ZoneNameText.TryMakeAbsolute(token.Text, _origin, out string absolute);
        if (error is not null)
            Fail(token.Line, error);
        return absolute;
    }

    private uint Ttl(ZoneRawToken token)
    {
        if (token.IsQuoted || !ZoneTtl.TryParse(token.Text, out uint ttl))
            return Fail<uint>(token.Line, $"bad TTL '{token.Text}' (seconds, or units w d h m s; at most 2147483647)");
        return ttl;
    }

    [DoesNotReturn]
    private void Fail(int line, string reason) => throw new ZoneFileException(line, _fileName, reason);

    [DoesNotReturn]
    private T Fail<T>(int line, string reason) => throw new ZoneFileException(line, _fileName, reason);
}
