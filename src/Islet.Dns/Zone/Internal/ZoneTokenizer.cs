using System.Diagnostics.CodeAnalysis;

namespace Islet.Dns.Zone.Internal;

/// <summary>
/// Splits master-file text into records (RFC 1035 §5.1): tokens separated by blanks, <c>;</c>
/// comments to the end of the line (not inside quotes), quoted strings, and parentheses that let a
/// record continue over lines (a newline inside them is a blank). Escapes stay raw in the tokens.
/// Parentheses do not nest.
/// </summary>
internal sealed class ZoneTokenizer
{
    private readonly string _text;
    private readonly string? _fileName;
    private int _pos;
    private int _line = 1;

    public ZoneTokenizer(string text, string? fileName)
    {
        _text = text;
        _fileName = fileName;
    }

    /// <summary>
    /// Reads the next record with at least one token into <paramref name="tokens"/> (cleared
    /// first). <paramref name="blankOwner"/> is set when the record's first line starts with a
    /// blank, which means "the previous owner". Returns false at the end of the text.
    /// </summary>
    public bool TryReadRecord(List<ZoneRawToken> tokens, out int line, out bool blankOwner)
    {
        tokens.Clear();
        while (_pos < _text.Length)
        {
            line = _line;
            blankOwner = _text[_pos] is ' ' or '\t';
            ReadRecord(tokens);
            if (tokens.Count > 0)
                return true;
        }
        line = _line;
        blankOwner = false;
        return false;
    }

    private void ReadRecord(List<ZoneRawToken> tokens)
    {
        int openLine = 0;
        while (_pos < _text.Length)
        {
            switch (_text[_pos])
            {
                case '\n':
                    _pos++;
                    _line++;
                    if (openLine == 0)
                        return;
                    break;
                case ' ' or '\t' or '\r':
                    _pos++;
                    break;
                case ';':
                    while (_pos < _text.Length && _text[_pos] != '\n')
                        _pos++;
                    break;
                case '(':
                    if (openLine != 0)
                        Fail(_line, "nested parenthesis");
                    openLine = _line;
                    _pos++;
                    break;
                case ')':
                    if (openLine == 0)
                        Fail(_line, "unbalanced parenthesis");
                    openLine = 0;
                    _pos++;
                    break;
                case '"':
                    tokens.Add(ReadQuoted());
                    break;
                default:
                    tokens.Add(ReadWord());
                    break;
            }
        }
        if (openLine != 0)
            Fail(openLine, "unbalanced parenthesis");
    }

    private ZoneRawToken ReadQuoted()
    {
        int line = _line;
        int start = ++_pos;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                Fail(line, "unterminated quoted string");
            char c = _text[_pos];
            if (c == '"')
                break;
            _pos += c == '\\' ? SkipEscape() : 1;
        }
        var token = new ZoneRawToken(_text[start.._pos], true, line);
        _pos++;
        return token;
    }

    private ZoneRawToken ReadWord()
    {
        int start = _pos;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '(' or ')' or '"')
                break;
            _pos += c == '\\' ? SkipEscape() : 1;
        }
        return new ZoneRawToken(_text[start.._pos], false, _line);
    }

    /// <summary>The length of the escape at <see cref="_pos"/>: a backslash and the one character it escapes.</summary>
    private int SkipEscape()
    {
        if (_pos + 1 >= _text.Length || _text[_pos + 1] is '\n' or '\r')
            Fail(_line, "backslash at the end of a line");
        return 2;
    }

    [DoesNotReturn]
    private void Fail(int line, string reason) => throw new ZoneFileException(line, _fileName, reason);
}
