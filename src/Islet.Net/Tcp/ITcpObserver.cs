namespace Islet.Net.Tcp;

/// <summary>
/// Notified synchronously by <see cref="TcpConnection"/> (from inside the layer's
/// <c>Receive</c>/<c>Poll</c> or an application call) when something an application may wait
/// on changes. Implementations must not call back into the layer; they should only wake waiters.
/// </summary>
public interface ITcpObserver
{
    /// <summary>New data can be read, or the peer's FIN arrived, or the connection failed.</summary>
    void OnReadable();

    /// <summary>Send space was freed, or the connection failed.</summary>
    void OnWritable();

    /// <summary><see cref="TcpConnection.State"/> changed.</summary>
    void OnStateChanged();
}
