using Islet.Monitor.Runtime;
using Islet.Sandbox;

namespace Islet.Hvt;

/// <summary>An <see cref="HvtMachine"/> running on its own thread, as the launcher sees it.</summary>
internal sealed class VirtualMachineRun : IImageRun
{
    private const int SIGTERM = 15, SIGKILL = 9;
    private readonly HvtMachine _machine;

    private readonly bool _stats;

    public VirtualMachineRun(HvtMachine machine, string confinement, bool stats)
    {
        _stats = stats;
        _machine = machine;
        Confinement = confinement;
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                exited.SetResult(machine.Run());
            }
            catch (Exception e)
            {
                exited.SetException(e);
            }
        }) { IsBackground = true, Name = "islet-hvt-machine" };
        thread.Start();
        Exited = exited.Task;
    }

    public Task<int> Exited { get; }

    public string Confinement { get; }

    public void Terminate() => _machine.SendSignal(SIGTERM);

    public void Kill() => _machine.Stop(128 + SIGKILL);

    /// <summary>With --stats: the guest's memory (charged pages now and at peak, of the budget) and the monitor's own peak RSS.</summary>
    public string? DescribeExit(int status)
    {
        if (!_stats) return null;
        var memory = _machine.Memory;
        return $"guest memory: {Mib(memory.PeakChargedPages)} MiB at peak of {Mib(memory.BudgetPages)} MiB; monitor peak RSS {MonitorPeakRssMib()} MiB";
    }

    private static string Mib(long pages) => (pages * 4096 / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    // VmHWM from /proc/self/status, in MiB (-1 when it cannot be read).
    private static long MonitorPeakRssMib()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            string[] parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return parts.Length >= 2 && long.TryParse(parts[1], out long kb) ? kb >> 10 : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public void Dispose() => _machine.Dispose();
}
