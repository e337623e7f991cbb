namespace Islet.Monitor.Signals;

/// <summary>
/// The extended FP state the guest sees: the XCR0 feature mask and the size of the standard-format
/// XSAVE area for it (CPUID 0xD.0 EBX). Signal frames hold <see cref="Size"/> bytes of it.
/// </summary>
/// <param name="Xcr0">The enabled state components (bit 0 x87, bit 1 SSE, bit 2 AVX, ...).</param>
/// <param name="Size">The XSAVE area size in bytes: at least 576 (legacy region and header), a multiple of 4.</param>
public readonly record struct XstateFormat(ulong Xcr0, int Size)
{
    /// <summary>The legacy FXSAVE region's size; the XSAVE header follows it.</summary>
    public const int LegacySize = 512;

    /// <summary>The legacy region plus the 64-byte XSAVE header.</summary>
    public const int MinimumSize = 576;

    /// <summary>x87 and SSE: XSAVE components 0 and 1 (XFEATURE_MASK_FPSSE).</summary>
    public const ulong FpSse = 0x3;

    /// <summary>x87, SSE and AVX at the standard 832-byte size, a common configuration.</summary>
    public static XstateFormat Avx => new(0x7, 832);

    /// <summary>Checks the format, as the monitor computes it once per VM.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size below 576 or not a multiple of 4, or XCR0 without x87 and SSE.</exception>
    public void Validate()
    {
        if (Size < MinimumSize || Size % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "An XSAVE area holds at least 576 bytes, in 4-byte units.");
        if ((Xcr0 & FpSse) != FpSse)
            throw new ArgumentOutOfRangeException(nameof(Xcr0), Xcr0, "XCR0 must enable x87 and SSE.");
    }
}
