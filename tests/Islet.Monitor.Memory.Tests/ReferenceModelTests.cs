namespace Islet.Monitor.Memory.Tests;

/// <summary>
/// Seeded random sequences of calls and guest accesses, each run against the address space (through
/// <see cref="FakeMonitor"/>) and against <see cref="ReferenceModel"/>: results, errnos, fault
/// outcomes, zero read-backs, the area list and the physical charge must agree after every step.
/// </summary>
public class ReferenceModelTests
{
    private const ulong Page = GuestAddressSpace.PageSize;
    private const ulong Low = 0x10000;
    private const int Pages = 512;
    private const ulong High = Low + Pages * Page;
    private const MapFlags Anon = MapFlags.Private | MapFlags.Anonymous;

    private static readonly ImageSegment[] Image =
    [
        new(Low + 16 * Page, 2 * Page, Protection.Read | Protection.Execute, 0x10_0000),
        new(Low + 18 * Page, 2 * Page, Protection.Read | Protection.Write, 0x10_2000),
    ];

    [Theory]
    [InlineData(1, GuestAddressSpace.DefaultMaxAreaCount, 16, 100_000)]
    [InlineData(2, 24, 24, 100_000)]
    [InlineData(3, 10, 12, 50_000)]
    public void Random_operations_agree_with_the_page_model(int seed, int maxAreas, long budget, int operations)
    {
        var random = new Random(seed);
        var space = new GuestAddressSpace(Low, High, 0x100_0000, budget, Image, maxAreaCount: maxAreas);
        var monitor = new FakeMonitor(space, Image);
        var model = new ReferenceModel(Low, Pages, budget, maxAreas, Image);
        var counts = new Dictionary<string, int>();

        for (int step = 0; step < operations; step++)
        {
            string description = Step(random, space, monitor, model, out string kind);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            monitor.Sync();
            Assert.True(model.Areas().SequenceEqual(space.Areas), $"step {step}: areas differ after {description}");
            Assert.True(model.Charged == space.ChargedPages, $"step {step}: charge {space.ChargedPages}, model {model.Charged} after {description}");
            Assert.True(space.ChargedPages <= budget);
            Assert.Equal(model.ProgramBreak, space.ProgramBreak);
            foreach (var (va, _, protection) in monitor.Entries)
                Assert.True(model.PageAt(va) == (true, protection, true), $"step {step}: page table entry {va:x} {protection} disagrees after {description}");
        }
        // Every kind of outcome was reached.
        foreach (string kind in new[] { "mmap ok", "mmap EINVAL", "mmap ENOMEM", "mmap EEXIST", "mmap EPERM", "munmap ok", "munmap EINVAL",
            "mprotect ok", "mprotect ENOMEM", "mprotect EINVAL", "madvise ok", "madvise ENOMEM", "madvise EINVAL",
            "access Mapped", "access SegvMapError", "access SegvAccessError", "access OutOfMemory" })
            Assert.True(counts.GetValueOrDefault(kind) > 0, $"never saw {kind}");
    }

    private static string Step(Random random, GuestAddressSpace space, FakeMonitor monitor, ReferenceModel model, out string kind)
    {
        int choice = random.Next(100);
        if (choice < 40)
        {
            ulong address = Low + (ulong)random.NextInt64(0, Pages) * Page + (ulong)random.Next(4096);
            var areas = space.Areas;
            if (areas.Count > 0 && random.Next(3) != 0)
            {
                var area = areas[random.Next(areas.Count)];
                address = area.Start + (ulong)random.NextInt64(0, (long)area.Length);
            }
            else if (random.Next(50) == 0)
                address = (ulong)random.NextInt64(0, (long)Low);
            var access = (AccessKind)random.Next(3);
            var expected = model.Access(address, access);
            var actual = monitor.Access(address, access);
            kind = "access " + actual.Outcome;
            string text = $"access {address:x} {access}";
            Assert.True(expected == actual, $"{text}: expected {expected}, got {actual}");
            return text;
        }
        if (choice < 58)
        {
            ulong address = random.Next(3) == 0 ? 0 : Address(random);
            ulong length = Length(random);
            var protection = Prot(random);
            var flags = Anon;
            int f = random.Next(100);
            if (f < 25) flags |= MapFlags.Fixed;
            else if (f < 35) flags |= MapFlags.FixedNoReplace;
            else if (f < 38) flags &= ~MapFlags.Anonymous;
            else if (f < 41) flags |= MapFlags.Shared;
            else if (f < 43) flags |= MapFlags.HugeTlb;
            else if (f < 45) flags &= ~MapFlags.Private;
            if (random.Next(10) == 0)
                flags |= MapFlags.NoReserve;
            return Check("mmap", $"mmap {address:x} {length:x} {protection} {flags}", model.Mmap(address, length, protection, flags), space.Mmap(address, length, protection, flags), out kind);
        }
        if (choice < 70)
        {
            ulong address = Address(random), length = Length(random);
            return Check("munmap", $"munmap {address:x} {length:x}", model.Munmap(address, length), space.Munmap(address, length), out kind);
        }
        if (choice < 85)
        {
            ulong address = Address(random), length = Length(random);
            var protection = Prot(random);
            return Check("mprotect", $"mprotect {address:x} {length:x} {protection}", model.Mprotect(address, length, protection), space.Mprotect(address, length, protection), out kind);
        }
        if (choice < 95)
        {
            ulong address = Address(random), length = Length(random);
            int a = random.Next(100);
            int advice = a < 50 ? 4 : a < 60 ? 8 : a < 75 ? 16 : random.Next(-2, 30);
            return Check("madvise", $"madvise {address:x} {length:x} {advice}", model.Madvise(address, length, advice), space.Madvise(address, length, advice), out kind);
        }
        {
            ulong requested = random.Next(10) == 0 ? 0 : model.ProgramBreak + (ulong)random.NextInt64(-20 * (long)Page, 20 * (long)Page);
            ulong expected = model.Brk(requested), actual = space.Brk(requested);
            kind = "brk";
            Assert.True(expected == actual, $"brk {requested:x}: expected {expected:x}, got {actual:x}");
            return $"brk {requested:x}";
        }
    }

    private static string Check(string call, string text, long expected, long actual, out string kind)
    {
        kind = call + " " + (actual switch
        {
            >= 0 => "ok",
            -MemoryErrno.EINVAL => "EINVAL",
            -MemoryErrno.ENOMEM => "ENOMEM",
            -MemoryErrno.EEXIST => "EEXIST",
            -MemoryErrno.EPERM => "EPERM",
            _ => actual.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(expected == actual, $"{text}: expected {expected}, got {actual}");
        return text;
    }

    private static ulong Address(Random random)
    {
        ulong address = Low + (ulong)random.NextInt64(-4, Pages + 4) * Page;
        if (random.Next(20) == 0)
            address += (ulong)random.Next(1, 4096);
        return address;
    }

    private static ulong Length(Random random) => random.Next(40) switch
    {
        0 => 0,
        1 => ulong.MaxValue - (ulong)random.Next(5000),
        2 => (ulong)random.NextInt64(1, long.MaxValue),
        < 10 => (ulong)random.Next(1, 48 * 4096),
        _ => (ulong)random.Next(1, 48) * Page,
    };

    private static Protection Prot(Random random) => random.Next(40) switch
    {
        0 => Protection.Read | Protection.Execute,
        1 => (Protection)0x10,
        2 => Protection.Read | Protection.Semaphore,
        3 => Protection.Read | Protection.GrowsUp,
        4 => Protection.Read | Protection.GrowsDown,
        5 => Protection.GrowsDown | Protection.GrowsUp,
        _ => (Protection)random.Next(4),
    };
}
