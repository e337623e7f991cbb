using Islet.Monitor.Runtime;
using Islet.Sandbox;

namespace Islet.Hvt;

/// <summary>
/// The hvt launcher: the spt launcher's devices and user networking (<see cref="SealedLauncher"/>),
/// with the image run in a KVM virtual machine by the Islet monitor (<see cref="HvtMachine"/>)
/// instead of a sandboxed process. The guest's memory is the manifest's unless --mem overrides it.
/// </summary>
public static class HvtLauncher
{
    /// <summary>Runs the image to its end; returns its exit status. Throws <see cref="SptLaunchException"/> when it cannot start.</summary>
    public static int Run(SptOptions options, TextWriter output, TextWriter report)
    {
        ArgumentNullException.ThrowIfNull(options);
        int memoryMiB = options.MemoryMiB ?? ImageManifestDevices.ReadManifest(options.ImagePath, verify: false).MemoryMiB;
        using var mapped = MappedFile.Open(options.ImagePath);
        ReadOnlyMemory<byte> image = mapped.Memory;
        string symbolsPath = options.ImagePath + ".dbg";
        return SealedLauncher.Run(options, output, "hvt", descriptors =>
        {
            var machineOptions = new HvtOptions
            {
                Image = image,
                Arguments = [Path.GetFileName(options.ImagePath), .. options.ImageArguments],
                MemoryBytes = (ulong)memoryMiB << 20,
                Cpus = options.Cpus,
                DeviceFds = [.. descriptors.ImageFds],
                Report = report,
                Symbols = () => File.Exists(symbolsPath) ? File.ReadAllBytes(symbolsPath) : null,
                TraceSyscalls = options.TraceSyscalls,
            };
            HvtMachine machine;
            try
            {
                machine = HvtMachine.Create(machineOptions);
            }
            catch (Exception e) when (e is Islet.Monitor.Kvm.KvmException or Islet.Monitor.Loader.ElfLoadException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                throw new SptLaunchException($"cannot start the virtual machine: {e.Message}");
            }
            return new VirtualMachineRun(machine, $"in a KVM virtual machine ({memoryMiB} MiB, no guest kernel; the monitor implements the Islet ABI)", options.Stats);
        });
    }
}
