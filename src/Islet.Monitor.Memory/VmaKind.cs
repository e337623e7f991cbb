namespace Islet.Monitor.Memory;

/// <summary>What backs a virtual memory area. Areas of different kinds never merge.</summary>
public enum VmaKind
{
    /// <summary>Anonymous memory from mmap or brk: pages are backed on first touch, zeroed.</summary>
    Anonymous,

    /// <summary>An image segment, mapped before the guest starts, backed by its own physical pages outside the budget.</summary>
    Image,
}
