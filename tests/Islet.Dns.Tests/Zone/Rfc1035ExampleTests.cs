using Islet.Dns.Zone;

namespace Islet.Dns.Tests.Zone;

/// <summary>The example master file of RFC 1035 §5.3, as printed there (origin ISI.EDU).</summary>
public sealed class Rfc1035ExampleTests
{
    internal const string Text = """
        @   IN  SOA     VENERA      Action\.domains (
                                         20     ; SERIAL
                                         7200   ; REFRESH
                                         600    ; RETRY
                                         3600000; EXPIRE
                                         60)    ; MINIMUM

                NS      A.ISI.EDU.
                NS      VENERA
                NS      VAXA
                MX      10      VENERA
                MX      20      VAXA

        A       A       26.3.0.103

        VENERA  A       10.1.0.52
                A       128.9.0.32

        VAXA    A       10.2.0.27
                A       128.9.0.33


        $INCLUDE <SUBSYS>ISI-MAILBOXES.TXT
        """;

    private const string Mailboxes = """
        MOE     MB      A.ISI.EDU.
        LARRY   MB      A.ISI.EDU.
        CURLEY  MB      A.ISI.EDU.
        STOOGES MG      MOE
                MG      LARRY
                MG      CURLEY
        """;

    internal static readonly string s_withoutInclude = Text[..Text.IndexOf("$INCLUDE", StringComparison.Ordinal)];

    [Fact]
    public void Reads_the_example_with_the_soa_minimum_as_the_default_ttl()
    {
        IReadOnlyList<ZoneEntry> e = new ZoneFileReader(new ZoneFileOptions { Origin = "ISI.EDU." }).Read(s_withoutInclude);
        Assert.Equal(11, e.Count);
        Assert.Equal(("ISI.EDU.", (uint?)null, "SOA", 1), (e[0].Owner, e[0].Ttl, e[0].Type, e[0].Line));
        Assert.Equal(["VENERA", @"Action\.domains", "20", "7200", "600", "3600000", "60"], e[0].Data.Select(t => t.Text));
        Assert.Equal(
            ["NS ISI.EDU. A.ISI.EDU.", "NS ISI.EDU. VENERA", "NS ISI.EDU. VAXA", "MX ISI.EDU. 10 VENERA", "MX ISI.EDU. 20 VAXA",
             "A A.ISI.EDU. 26.3.0.103", "A VENERA.ISI.EDU. 10.1.0.52", "A VENERA.ISI.EDU. 128.9.0.32",
             "A VAXA.ISI.EDU. 10.2.0.27", "A VAXA.ISI.EDU. 128.9.0.33"],
            e.Skip(1).Select(x => $"{x.Type} {x.Owner} {string.Join(' ', x.Data)}"));
        Assert.Equal([8, 9, 10, 11, 12, 14, 16, 17, 19, 20], e.Skip(1).Select(x => x.Line));
        Assert.All(e.Skip(1), x => Assert.Equal((60u, DnsClass.Internet), (x.Ttl!.Value, x.Class)));
    }

    [Fact]
    public void The_include_line_is_refused_by_default()
    {
        var e = Assert.Throws<ZoneFileException>(() => new ZoneFileReader(new ZoneFileOptions { Origin = "ISI.EDU." }).Read(Text));
        Assert.Equal(23, e.Line);
    }

    [Fact]
    public void The_included_mailbox_file_uses_types_this_reader_does_not_know()
    {
        var reader = new ZoneFileReader(new ZoneFileOptions
        {
            Origin = "ISI.EDU.",
            AllowInclude = true,
            IncludeResolver = name => name == "<SUBSYS>ISI-MAILBOXES.TXT" ? new StringReader(Mailboxes) : throw new FileNotFoundException(name),
        });
        var e = Assert.Throws<ZoneFileException>(() => reader.Read(Text));
        Assert.Equal("<SUBSYS>ISI-MAILBOXES.TXT line 1: unknown type 'MB'", e.Message);
    }
}
