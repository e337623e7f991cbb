using Islet.Dns.Transfer;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using static Islet.Dns.Tests.Transfer.TransferZones;

namespace Islet.Dns.Tests.Transfer;

public sealed class ZoneJournalTests
{
    private static ZoneDiff Step(uint from, uint to, int hostsBefore = 3, int hostsAfter = 4) =>
        ZoneDiff.Between(Make(from, hostsBefore), Make(to, hostsAfter));

    [Fact]
    public void Finds_the_chain_from_any_kept_serial_to_the_newest()
    {
        var journal = new ZoneJournal(Origin);
        journal.Append(Step(1, 2, 1, 2));
        journal.Append(Step(2, 3, 2, 3));
        journal.Append(Step(3, 4, 3, 4));
        Assert.True(journal.TryGetChain(2, 4, out IReadOnlyList<ZoneDiff> chain));
        Assert.Equal([2u, 3u], chain.Select(d => d.FromSerial));
        Assert.True(journal.TryGetChain(1, 4, out chain));
        Assert.Equal(3, chain.Count);
        Assert.Equal(4u, chain[^1].ToSerial);
        Assert.False(journal.TryGetChain(0, 4, out _));
        Assert.False(journal.TryGetChain(2, 5, out _));
        Assert.False(journal.TryGetChain(4, 4, out _));
        Assert.Equal(1u, journal.OldestSerial);
        Assert.Equal(4u, journal.NewestSerial);
    }

    [Fact]
    public void Serials_wrap_around_by_rfc_1982()
    {
        var journal = new ZoneJournal(Origin);
        journal.Append(Step(0xFFFF_FFFE, 0xFFFF_FFFF));
        journal.Append(Step(0xFFFF_FFFF, 1));
        Assert.True(journal.TryGetChain(0xFFFF_FFFE, 1, out IReadOnlyList<ZoneDiff> chain));
        Assert.Equal(2, chain.Count);
    }

    [Fact]
    public void A_serial_that_does_not_increase_is_refused()
    {
        var journal = new ZoneJournal(Origin);
        Assert.Throws<ArgumentException>(() => journal.Append(Step(5, 5)));
        Assert.Throws<ArgumentException>(() => journal.Append(Step(5, 4)));
        // Exactly 2^31 apart: incomparable, so not an increase.
        Assert.Throws<ArgumentException>(() => journal.Append(Step(0, 0x8000_0000)));
        Assert.Equal(0, journal.Count);
    }

    [Fact]
    public void A_diff_for_another_zone_is_refused()
    {
        var journal = new ZoneJournal(DnsName.Parse("example.org."));
        Assert.Throws<ArgumentException>(() => journal.Append(Step(1, 2)));
    }

    [Fact]
    public void A_gap_in_the_history_forgets_the_older_diffs()
    {
        var journal = new ZoneJournal(Origin);
        journal.Append(Step(1, 2));
        journal.Append(Step(7, 8));
        Assert.Equal(1, journal.Count);
        Assert.False(journal.TryGetChain(1, 8, out _));
        Assert.True(journal.TryGetChain(7, 8, out _));
    }

    [Fact]
    public void Keeps_at_most_max_diffs_dropping_the_oldest()
    {
        var journal = new ZoneJournal(Origin, maxDiffs: 3);
        for (uint s = 1; s <= 10; s++)
            journal.Append(Step(s, s + 1));
        Assert.Equal(3, journal.Count);
        Assert.Equal(8u, journal.OldestSerial);
        Assert.True(journal.TryGetChain(8, 11, out _));
        Assert.False(journal.TryGetChain(7, 11, out _));
    }

    [Fact]
    public void Keeps_at_most_max_bytes_dropping_the_oldest()
    {
        var probe = new ZoneJournal(Origin);
        probe.Append(Step(1, 2));
        long one = probe.Bytes;
        Assert.True(one > 0);
        var journal = new ZoneJournal(Origin, maxBytes: one * 2 + one / 2);
        for (uint s = 1; s <= 6; s++)
        {
            journal.Append(Step(s, s + 1));
            Assert.True(journal.Bytes <= journal.MaxBytes);
        }
        Assert.Equal(2, journal.Count);
        Assert.Equal(2 * one, journal.Bytes);
    }

    [Fact]
    public void A_diff_larger_than_max_bytes_is_not_kept()
    {
        var journal = new ZoneJournal(Origin, maxBytes: 10);
        journal.Append(Step(1, 2));
        Assert.Equal(0, journal.Count);
        Assert.Equal(0, journal.Bytes);
        Assert.Null(journal.NewestSerial);
    }

    [Fact]
    public void Appending_two_versions_records_their_diff()
    {
        var journal = new ZoneJournal(Origin);
        journal.Append(Make(1, 2), Make(2, 3));
        Assert.True(journal.TryGetChain(1, 2, out IReadOnlyList<ZoneDiff> chain));
        Assert.Equal("h2.example.com. 3600 IN A 10.0.0.2", Assert.Single(Assert.Single(chain).Added).ToString());
        Assert.Empty(chain[0].Deleted);
    }
}
