using System.Buffers;
using System.IO.Pipelines;
using Islet.Events;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>
/// Serves HTTP/1.1 on one byte stream given as an <see cref="IDuplexPipe"/> (a TCP flow, or an
/// in-memory pipe pair in tests): keep-alive, pipelining with responses in order and one flush
/// per batch of requests already received, limits and timeouts from <see cref="HttpServerOptions"/>.
/// </summary>
/// <remarks>
/// Runs on an <see cref="EventLoop"/>: create and run it on the loop thread. Timeouts use a
/// <see cref="LoopTimer"/>. Malformed requests are answered with their status code
/// (<see cref="HttpParseErrorExtensions.ToStatusCode"/>) and <c>Connection: close</c>; neither
/// peer behaviour nor a transport failure escapes <see cref="RunAsync"/> as an exception.
/// </remarks>
public sealed partial class HttpConnection : HttpRequestBodyStream.IBodyTimer
{
    private static readonly Action<object?> s_onTimer = static state => ((HttpConnection)state!).OnTimer();
    private static readonly Action<object?> s_onShutdown = static state => ((HttpConnection)state!).OnShutdown();

    private readonly IDuplexPipe _transport;
    private readonly IHttpHandler _handler;
    private readonly HttpServerOptions _options;
    private readonly HttpParserLimits _limits;
    private readonly DateHeaderCache _dates;
    private readonly EventLoop _loop;
    private readonly HttpRequest _request;
    private readonly HttpResponse _response;
    private bool _timedOut;
    private LoopTimer? _timer;
    private bool _shuttingDown;

    /// <summary>Creates a connection over <paramref name="transport"/>; call on the event loop thread.</summary>
    /// <exception cref="InvalidOperationException">Not called on an event loop thread.</exception>
    public HttpConnection(IDuplexPipe transport, IHttpHandler handler, HttpServerOptions? options = null)
        : this(transport, handler, options ?? HttpServerOptions.Default, new DateHeaderCache())
    {
    }

    internal HttpConnection(IDuplexPipe transport, IHttpHandler handler, HttpServerOptions options, DateHeaderCache dates)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(handler);
        _transport = transport;
        _handler = handler;
        _options = options;
        _limits = options.ParserLimits;
        _dates = dates;
        _loop = EventLoop.Current;
        _request = new HttpRequest(options);
        _response = new HttpResponse(transport.Output, dates);
    }

    /// <summary>Requests answered so far (error responses included).</summary>
    public long RequestCount { get; private set; }

    /// <summary>
    /// Serves requests until the peer closes its side, a response closes the connection, a
    /// timeout, a transport failure, or <paramref name="cancellationToken"/> (shutdown: an idle
    /// connection closes at once, a busy one after its current batch). Completes both pipes.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var timer = new LoopTimer(_loop, s_onTimer, this);
        _timer = timer;
        var registration = cancellationToken.UnsafeRegister(s_onShutdown, this);
        try
        {
            await ServeAsync(timer, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception)
        {
            // A transport failure (reset, timeout) or a handler bug after its response started:
            // either way this connection is over, and no other connection is affected.
        }
        finally
        {
            timer.Dispose();
            registration.Dispose();
            _request.Release();
        }
        await _transport.Input.CompleteAsync().ConfigureAwait(true);
        await _transport.Output.CompleteAsync().ConfigureAwait(true);
    }

    private void OnTimer()
    {
        _timedOut = true;
        _transport.Input.CancelPendingRead();
    }

    private void OnShutdown()
    {
        _shuttingDown = true;
        _transport.Input.CancelPendingRead();
    }

    private async Task ServeAsync(LoopTimer timer, CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        var output = _transport.Output;
        var state = new ConnectionState();
        while (true)
        {
            if (_shuttingDown && !state.InRequest) return;
            timer.ArmAt(state.InHead ? state.HeadDeadline : _loop.NowNanoseconds + ToNanoseconds(_options.KeepAliveTimeout));
            var result = await input.ReadAsync(CancellationToken.None).ConfigureAwait(true);
            timer.Disarm();
            var buffer = result.Buffer;
            if (_timedOut)
            {
                // 408 only for a head in progress; an idle or stalled connection just closes.
                if (state.InHead) await WriteErrorAndFlushAsync(HttpParseError.RequestTimeout).ConfigureAwait(true);
                return;
            }
            if (result.IsCanceled)
            {
                if (_shuttingDown) return;
                input.AdvanceTo(buffer.Start);
                continue;
            }

            _dates.Update(_loop.UtcNow);
            var pending = buffer;
            bool close = false;
            while (!close)
            {
                var step = Step(ref state, ref pending);
                if (step == StepResult.NeedMoreData) break;
                if (step == StepResult.Failed)
                {
                    close = true;
                    break;
                }
                if (step == StepResult.BodyReady) break;
                close = !await HandleAsync(cancellationToken).ConfigureAwait(true);
            }

            if (!close && state.Body != BodyFraming.None && _handler is IHttpBodyHandler)
            {
                // The handler reads the body from the pipe itself: give back what is not yet used.
                input.AdvanceTo(pending.Start);
                close = !await HandleWithBodyAsync(state.Body == BodyFraming.Chunked, cancellationToken).ConfigureAwait(true);
                state.Body = BodyFraming.None;
                if (_response.UnflushedBytes > 0)
                {
                    _response.UnflushedBytes = 0;
                    var flushed = await output.FlushAsync(CancellationToken.None).ConfigureAwait(true);
                    if (flushed.IsCompleted) return;
                }
                if (close) return;
                continue;
            }

            if (_response.UnflushedBytes > 0)
            {
                _response.UnflushedBytes = 0;
                var flush = await output.FlushAsync(CancellationToken.None).ConfigureAwait(true);
                if (flush.IsCompleted) return;
            }
            if (close || result.IsCompleted) return; // at end of input a partial request is dropped
            input.AdvanceTo(pending.Start, buffer.End);
        }
    }

    private async Task WriteErrorAndFlushAsync(HttpParseError error)
    {
        WriteError(error);
        _response.UnflushedBytes = 0;
        await _transport.Output.FlushAsync(CancellationToken.None).ConfigureAwait(true);
    }

    /// <summary>Answers <paramref name="error"/> with an empty response and <c>Connection: close</c>.</summary>
    private void WriteError(HttpParseError error)
    {
        _response.Reset(isHeadRequest: false, keepAlive: false, http10: false);
        _response.StartHead(error.ToStatusCode());
        _response.EndHead(0);
        RequestCount++;
    }

    /// <summary>Runs the handler; false when the connection must close afterwards.</summary>
    private async ValueTask<bool> HandleAsync(CancellationToken cancellationToken)
    {
        RequestCount++;
        _response.Reset(_request.Method == HttpMethod.Head, _request.KeepAlive && !_shuttingDown, _request.Version == HttpVersion.Http10);
        try
        {
            await _handler.HandleAsync(_request, _response, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception) when (!_response.HasStarted)
        {
            WriteServerError();
            return false;
        }
        if (!_response.HasStarted)
        {
            WriteServerError();
            return false;
        }
        // A response cut short cannot be framed: closing is the only honest end.
        return _response.IsComplete && _response.KeepAlive;
    }

    /// <summary>Runs an <see cref="IHttpBodyHandler"/> with the body streamed from the pipe, then drains what it left; false when the connection must close.</summary>
    private async ValueTask<bool> HandleWithBodyAsync(bool chunked, CancellationToken cancellationToken)
    {
        if (_response.UnflushedBytes > 0)
        {
            // A 100 (Continue) or earlier pipelined responses: the client may wait for them before sending the body.
            _response.UnflushedBytes = 0;
            await _transport.Output.FlushAsync(CancellationToken.None).ConfigureAwait(true);
        }
        var body = new HttpRequestBodyStream(_transport.Input, this, chunked, _request.ContentLength, _options.MaxRequestBodySize, _options.MaxHeaderBytes);
        _request.Body = body;
        bool keep;
        try
        {
            keep = await HandleAsync(cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            _request.Body = Stream.Null;
        }
        if (!keep || body.Failure is not null) return false;
        return await body.DrainAsync().ConfigureAwait(true);
    }

    void HttpRequestBodyStream.IBodyTimer.Arm() => _timer?.ArmAt(_loop.NowNanoseconds + ToNanoseconds(_options.KeepAliveTimeout));

    bool HttpRequestBodyStream.IBodyTimer.DisarmAndCheckExpired()
    {
        _timer?.Disarm();
        return _timedOut;
    }

    private void WriteServerError()
    {
        _response.Reset(isHeadRequest: false, keepAlive: false, http10: false);
        _response.StartHead(500);
        _response.EndHead(0);
    }

    private static long ToNanoseconds(TimeSpan span) => span.Ticks * 100;
}
