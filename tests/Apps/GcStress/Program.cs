// gc-stress: the runtime's hard parts under a target. Four threads allocate 1 GiB in all
// (64 KiB arrays, a rolling window of 64 kept alive per thread), 1000 finalizable objects are
// collected and finalized, and a null dereference and an integer division by zero (hardware
// faults) are caught as managed exceptions. Every line printed is deterministic.
using System.Runtime.CompilerServices;
using Islet;
using Islet.Tests.Apps.GcStress;

return await Unikernel.RunAsync(args, context =>
{
    var console = context.Console;
    const int Threads = 4, ArraysPerThread = 4096, ArrayBytes = 64 * 1024;
    var sums = new long[Threads];
    var workers = new Thread[Threads];
    for (int t = 0; t < Threads; t++)
    {
        int id = t;
        workers[t] = new Thread(() =>
        {
            var window = new byte[64][];
            long sum = 0;
            for (int n = 0; n < ArraysPerThread; n++)
            {
                var array = new byte[ArrayBytes];
                array[0] = (byte)(n * 7 + id);
                array[^1] = (byte)n;
                window[n % window.Length] = array;
                var old = window[(n + 1) % window.Length];
                if (old is not null) sum += old[0] + old[^1];
            }
            sums[id] = sum;
        });
        workers[t].Start();
    }
    foreach (var worker in workers) worker.Join();
    console.WriteLine($"allocated {(long)Threads * ArraysPerThread * ArrayBytes} bytes on {Threads} threads");
    console.WriteLine($"checksums {string.Join(" ", sums)}");

    MakeFinalizable(1000);
    for (int i = 0; i < 3 && Finalized.Count < 1000; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
    console.WriteLine($"finalized {Finalized.Count} of 1000");

    try
    {
        console.WriteLine(Describe(null));
    }
    catch (NullReferenceException)
    {
        console.WriteLine("caught NullReferenceException");
    }
    try
    {
        console.WriteLine($"quotient {Divide(1, context.Arguments.Count)}");
    }
    catch (DivideByZeroException)
    {
        console.WriteLine("caught DivideByZeroException");
    }
    console.WriteLine($"collections gen0>0 {GC.CollectionCount(0) > 0}");
    return Task.CompletedTask;
});

[MethodImpl(MethodImplOptions.NoInlining)]
static void MakeFinalizable(int count)
{
    for (int i = 0; i < count; i++) _ = new Finalized();
}

// A real load through a null reference: the page fault becomes a NullReferenceException.
[MethodImpl(MethodImplOptions.NoInlining)]
static string Describe(string? text) => text!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

// A real idiv by zero (the divisor is not a constant): #DE becomes a DivideByZeroException.
[MethodImpl(MethodImplOptions.NoInlining)]
static int Divide(int a, int b) => a / b;
