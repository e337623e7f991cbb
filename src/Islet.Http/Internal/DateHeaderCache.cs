namespace Islet.Http.Internal;

/// <summary>The Date header value, formatted once per second (single-threaded: one loop).</summary>
internal sealed class DateHeaderCache
{
    private readonly byte[] _value = new byte[HttpDate.Length];
    private long _second = long.MinValue;

    /// <summary>The current value, as of the last <see cref="Update"/>.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Re-formats only when <paramref name="utcNow"/> is in a different second.</summary>
    public void Update(DateTimeOffset utcNow)
    {
        long second = utcNow.UtcTicks / TimeSpan.TicksPerSecond;
        if (second == _second) return;
        _second = second;
        HttpDate.Format(utcNow, _value);
    }
}
