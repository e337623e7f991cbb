namespace Islet.Dns.Zone.Internal;

/// <summary>The control entries of RFC 1035 §5.1 and RFC 2308 §4: <c>$ORIGIN</c>, <c>$TTL</c>, <c>$INCLUDE</c>.</summary>
internal sealed partial class ZoneFileParser
{
    private void Directive(List<ZoneRawToken> tokens, int line)
    {
        string name = tokens[0].Text;
        int arguments = tokens.Count - 1;
        switch (name.ToUpperInvariant())
        {
            case "$ORIGIN":
                if (arguments != 1)
                    Fail(line, "$ORIGIN takes one name");
                _origin = AbsoluteName(tokens[1], "$ORIGIN");
                break;
            case "$TTL":
                if (arguments != 1)
                    Fail(line, "$TTL takes one TTL");
                _defaultTtl = Ttl(tokens[1]);
                break;
            case "$INCLUDE":
                if (arguments is < 1 or > 2)
                    Fail(line, "$INCLUDE takes a file name and an optional origin");
                Include(tokens, line);
                break;
            default:
                Fail(line, $"unknown directive '{name}'");
                break;
        }
    }

    /// <summary>
    /// Reads an included file with the given origin (else the current one), then restores the
    /// origin and previous owner (RFC 1035 §5.1); the TTL and class carry over both ways.
    /// </summary>
    private void Include(List<ZoneRawToken> tokens, int line)
    {
        if (!_options.AllowInclude)
            Fail(line, "$INCLUDE is disabled (sealed images have no filesystem; set ZoneFileOptions.AllowInclude)");
        Func<string, TextReader> resolver = _options.IncludeResolver
            ?? Fail<Func<string, TextReader>>(line, "$INCLUDE is allowed but ZoneFileOptions.IncludeResolver is not set");
        if (_depth >= _options.MaxIncludeDepth)
            Fail(line, $"$INCLUDE nested more than {_options.MaxIncludeDepth} deep");
        string file = tokens[1].Text;
        string? origin = tokens.Count == 3 ? AbsoluteName(tokens[2], "$INCLUDE origin") : null;

        string text;
        try
        {
            using TextReader reader = resolver(file) ?? Fail<TextReader>(line, $"$INCLUDE '{file}': the resolver returned null");
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is not ZoneFileException)
        {
            throw new ZoneFileException(line, _fileName, $"$INCLUDE '{file}' could not be read: {e.Message}", e);
        }

        string? outerOrigin = _origin;
        string? outerOwner = _previousOwner;
        _origin = origin ?? _origin;
        _depth++;
        Parse(text, file);
        _depth--;
        _origin = outerOrigin;
        _previousOwner = outerOwner;
    }

    /// <summary>The name in a directive, which must be absolute.</summary>
    private string AbsoluteName(ZoneRawToken token, string what)
    {
        if (token.IsQuoted || !ZoneNameText.IsAbsolute(token.Text))
            Fail(token.Line, $"{what} '{token.Text}' is not an absolute name");
        string? error = ZoneNameText.Validate(token.Text);
        if (error is not null)
            Fail(token.Line, error);
        return token.Text;
    }
}
