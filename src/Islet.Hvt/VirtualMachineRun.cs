using Islet.Monitor.Runtime;
using Islet.Sandbox;

namespace Islet.Hvt;

/// <summary>An <see cref="HvtMachine"/> running on its own thread, as the launcher sees it.</summary>
internal sealed class VirtualMachineRun : IImageRun
{
    private const int SIGTERM = 15, SIGKILL = 9;
    private readonly HvtMachine _machine;

    public VirtualMachineRun(HvtMachine machine, string confinement)
    {
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

    public string? DescribeExit(int status) => null;

    public void Dispose() => _machine.Dispose();
}
