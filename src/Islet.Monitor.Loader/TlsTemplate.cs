namespace Islet.Monitor.Loader;

/// <summary>
/// The image's PT_TLS segment: the initial image of each thread's static TLS block. The
/// static-pie's libc sets up TLS itself from AT_PHDR; the monitor needs this only for reports.
/// </summary>
/// <param name="Address">Load base + p_vaddr of the template (inside a loaded segment).</param>
/// <param name="FileSize">p_filesz: initialised bytes (.tdata).</param>
/// <param name="MemorySize">p_memsz: the whole block per thread (.tdata + .tbss).</param>
/// <param name="Alignment">p_align of the block.</param>
public readonly record struct TlsTemplate(ulong Address, ulong FileSize, ulong MemorySize, ulong Alignment);
