using Islet.Dns.Wire;

namespace Islet.Dns.Tests.Wire;

public sealed class MalformedTests
{
    private const string Header1Answer = "000080000000000100000000";

    private static void Rejects(string hex, string because)
    {
        var error = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(Convert.FromHexString(hex)));
        Assert.Contains(because, error.Message);
    }

    private static string Record(string type, string rdata) =>
        Header1Answer + "00" + type + "0001" + "0000012C" + (rdata.Length / 2).ToString("X4") + rdata;

    [Fact]
    public void Self_pointer_is_refused() => Rejects(Header1Answer + "C00C", "points to 12");

    [Fact]
    public void Two_pointers_at_each_other_are_refused() =>
        // Name at 12 points to 14, which points back to 12: the first hop already goes forward.
        Rejects(Header1Answer + "C00E" + "C00C", "points to 14");

    [Fact]
    public void Backward_pair_loop_is_refused()
    {
        // The owner at 14 points to 12, whose pointer goes to 14 again: not before the segment start 12.
        Rejects("000080000001000000000000" + "C00E" + "C00C" + "00010001", "points to 14");
    }

    [Fact]
    public void Forward_pointer_is_refused() => Rejects(Header1Answer + "C020" + new string('0', 40), "points to 32");

    [Fact]
    public void Pointer_past_end_is_refused() => Rejects(Header1Answer + "C0FF", "points to 255");

    [Fact]
    public void Pointer_cut_off_is_refused() => Rejects(Header1Answer + "C0", "cut off");

    [Fact]
    public void Reserved_label_types_are_refused()
    {
        Rejects(Header1Answer + "40", "reserved type 0x40");
        Rejects(Header1Answer + "80", "reserved type 0x80");
    }

    [Fact]
    public void Label_over_63_is_refused() =>
        // 0x40 is both "length 64" and the reserved extended label type.
        Rejects(Header1Answer + "40" + new string('6', 128) + "00", "reserved type");

    [Fact]
    public void Name_over_255_is_refused()
    {
        string label = "3F" + new string('6', 126);
        Rejects(Header1Answer + label + label + label + label + "00", "longer than 255");
    }

    [Fact]
    public void Name_over_255_through_pointers_is_refused()
    {
        // 200 octets at offset 12 (3 labels of 63 + root... built as 3x63 labels), then a name of one 63-octet
        // label pointing to them: 64 + 193 = 257.
        string label = "3F" + new string('6', 126);
        string hex = "000080000002000000000000" + label + label + label + "00" + "00010001" + label + "C00C" + "00010001";
        Rejects(hex, "longer than 255");
    }

    [Fact]
    public void Pointer_hops_are_limited()
    {
        // A chain of 40 pointers, each to the previous one: every hop goes backward but there are too many.
        // Root at 12; pointer k at 13 + 2k points to the previous pointer (the first to the root).
        byte[] bytes = new byte[13 + 2 * 40 + 4];
        Convert.FromHexString("000080000001000000000000").CopyTo(bytes, 0);
        for (int k = 0; k < 40; k++)
        {
            int target = k == 0 ? 12 : 13 + 2 * (k - 1);
            bytes[13 + 2 * k] = (byte)(0xC0 | (target >> 8));
            bytes[14 + 2 * k] = (byte)target;
        }
        // Read the name that starts at the last pointer.
        var reader = new DnsMessageReader(bytes);
        reader.ReadBytes(13 + 2 * 39);
        try
        {
            reader.ReadName();
            Assert.Fail("expected a hop limit error");
        }
        catch (DnsFormatException e)
        {
            Assert.Contains("more than 32 pointers", e.Message);
        }
    }

    [Fact]
    public void Truncated_header_is_refused() => Rejects("00008000000000", "shorter than the 12-byte header");

    [Fact]
    public void Truncated_question_is_refused()
    {
        Rejects("000000000001000000000000" + "03777777", "runs past the end");
        Rejects("000000000001000000000000" + "0377777700" + "0001", "question for www. is truncated");
    }

    [Fact]
    public void Truncated_record_is_refused() => Rejects(Header1Answer + "00" + "00010001000001", "record for . is truncated");

    [Fact]
    public void Rdlength_past_end_is_refused() => Rejects(Header1Answer + "00" + "00010001" + "0000012C" + "0008" + "C0000201", "rdlength 8");

    [Fact]
    public void Rdata_shorter_than_the_type_needs_is_refused()
    {
        Rejects(Record("0001", "C00002"), "Expected 4 bytes");
        Rejects(Record("0006", "00" + "00" + "00000001"), "Expected a 32-bit field");
        Rejects(Record("000F", "00"), "Expected a 16-bit field");
        Rejects(Record("0021", "000100020003"), "runs past the end");
    }

    [Fact]
    public void Rdata_longer_than_the_type_needs_is_refused() => Rejects(Record("0001", "C000020101"), "1 bytes of rdata left over");

    [Fact]
    public void Name_in_rdata_may_not_run_past_rdlength() =>
        // An NS name whose labels continue past rdlength into the bytes after the record.
        Rejects(Header1Answer + "00" + "00020001" + "0000012C" + "0002" + "0161" + "00", "runs past the end");

    [Fact]
    public void Txt_string_past_rdata_is_refused() => Rejects(Record("0010", "0568656C6C6F" + "09616263"), "claims 9 bytes");

    [Fact]
    public void Compressed_names_in_rrsig_and_nsec_are_refused() =>
        Rejects(Header1Answer + "00" + "002F0001" + "0000012C" + "0002" + "C00C", "not allowed");

    [Fact]
    public void Nsec_windows_out_of_order_are_refused()
    {
        Rejects(Record("002F", "00" + "040101" + "000140"), "follows window 4");
        Rejects(Record("002F", "00" + "0000"), "length 0");
        Rejects(Record("002F", "00" + "0021" + new string('0', 66)), "length 33");
    }

    [Fact]
    public void Second_opt_record_is_refused()
    {
        string opt = "00" + "0029" + "04D0" + "00000000" + "0000";
        Rejects("000000000000000000000002" + opt + opt, "more than one OPT");
    }

    [Fact]
    public void Opt_owner_must_be_root() => Rejects("000000000000000000000001" + "0161" + "00" + "0029" + "04D0" + "00000000" + "0000", "not the root");

    [Fact]
    public void Tsig_not_last_is_refused()
    {
        string tsig = "00" + "00FA" + "00FF" + "00000000" + "0011" + "00" + "000000000000" + "0000" + "0000" + "0000" + "0000" + "0000";
        string a = "00" + "0001" + "0001" + "0000012C" + "0004" + "C0000201";
        Rejects("000000000000000000000002" + tsig + a, "TSIG record is not the last");
        Rejects("000000000000000100000000" + tsig, "TSIG record is not the last");
    }
}
