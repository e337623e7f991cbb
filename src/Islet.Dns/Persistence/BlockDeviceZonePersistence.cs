using System.Buffers.Binary;
using System.Text;
using Islet.Crypto;
using Islet.Devices;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Persistence;

/// <summary>
/// Keeps a zone on a raw <see cref="IBlockDevice"/> in two alternating slots, each half of the
/// device. A slot is a header sector — magic <c>ISLZONE1</c>, a 64-bit generation, the payload
/// length and the SHA-256 of those fields and the payload — followed by the payload, the zone's
/// master-file text (UTF-8). A save goes to the slot not holding the newest valid version, with
/// the next generation, then flushes; a torn or failed write leaves a slot whose hash does not
/// match, so <see cref="LoadAsync"/> (newest valid slot wins) still finds the previous version.
/// </summary>
public sealed class BlockDeviceZonePersistence : IZonePersistence
{
    private static ReadOnlySpan<byte> Magic => "ISLZONE1"u8;

    private readonly IBlockDevice _device;
    private readonly long _slotSectors;

    /// <summary>Uses <paramref name="device"/>, which this object borrows (it does not dispose it).</summary>
    /// <exception cref="ArgumentException">The device has fewer than four sectors.</exception>
    public BlockDeviceZonePersistence(IBlockDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.SectorCount < 4)
            throw new ArgumentException("The device needs at least four sectors (two slots).", nameof(device));
        _device = device;
        _slotSectors = device.SectorCount / 2;
    }

    /// <summary>The largest payload (zone text in bytes) a slot holds.</summary>
    public long Capacity => (_slotSectors - 1) * _device.SectorSize;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The zone's text is larger than <see cref="Capacity"/>.</exception>
    public async ValueTask SaveAsync(DnsZone zone, ZoneDiff? diff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        byte[] payload = Encoding.UTF8.GetBytes(ZoneFileWriter.Write(zone));
        if (payload.Length > Capacity)
            throw new ArgumentException($"The zone text ({payload.Length} bytes) exceeds the slot capacity ({Capacity} bytes).", nameof(zone));
        (int newest, ulong generation, _) = await FindNewestAsync(cancellationToken);
        int slot = newest < 0 ? 0 : 1 - newest;
        int sector = _device.SectorSize;
        byte[] image = new byte[sector + (payload.Length + sector - 1) / sector * sector];
        WriteHeader(image, newest < 0 ? 1 : generation + 1, payload);
        payload.CopyTo(image, sector);
        await _device.WriteAsync(slot * _slotSectors, image, cancellationToken);
        await _device.FlushAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<DnsZone?> LoadAsync(DnsName origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        (int newest, _, byte[]? payload) = await FindNewestAsync(cancellationToken);
        return newest < 0 ? null : DnsZone.Load(Encoding.UTF8.GetString(payload!), origin);
    }

    private static void WriteHeader(Span<byte> header, ulong generation, ReadOnlySpan<byte> payload)
    {
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt64BigEndian(header[8..], generation);
        BinaryPrimitives.WriteUInt64BigEndian(header[16..], (ulong)payload.Length);
        var hash = new Sha256();
        hash.Append(header[..24]);
        hash.Append(payload);
        hash.Finish(header[24..]);
    }

    /// <summary>The newest valid slot (-1 when none), its generation and its payload.</summary>
    private async ValueTask<(int Slot, ulong Generation, byte[]? Payload)> FindNewestAsync(CancellationToken cancellationToken)
    {
        (int Slot, ulong Generation, byte[]? Payload) best = (-1, 0, null);
        for (int slot = 0; slot < 2; slot++)
        {
            (bool valid, ulong generation, byte[]? payload) = await ReadSlotAsync(slot, cancellationToken);
            if (valid && (best.Slot < 0 || generation > best.Generation))
                best = (slot, generation, payload);
        }
        return best;
    }

    private async ValueTask<(bool Valid, ulong Generation, byte[]? Payload)> ReadSlotAsync(int slot, CancellationToken cancellationToken)
    {
        int sector = _device.SectorSize;
        byte[] header = new byte[sector];
        await _device.ReadAsync(slot * _slotSectors, header, cancellationToken);
        if (!header.AsSpan(0, 8).SequenceEqual(Magic))
            return (false, 0, null);
        ulong generation = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
        ulong length = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(16));
        if (length > (ulong)Math.Min(Capacity, Array.MaxLength - sector))
            return (false, 0, null);
        byte[] body = new byte[((int)length + sector - 1) / sector * sector];
        if (body.Length > 0)
            await _device.ReadAsync(slot * _slotSectors + 1, body, cancellationToken);
        var hash = new Sha256();
        hash.Append(header.AsSpan(0, 24));
        hash.Append(body.AsSpan(0, (int)length));
        Span<byte> digest = stackalloc byte[Sha256.HashSize];
        hash.Finish(digest);
        if (!CryptoBytes.FixedTimeEquals(digest, header.AsSpan(24, Sha256.HashSize)))
            return (false, 0, null);
        return (true, generation, body[..(int)length]);
    }
}
