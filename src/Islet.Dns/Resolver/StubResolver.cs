using System.Buffers.Binary;
using System.Net;
using Islet.Devices;
using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Net;

namespace Islet.Dns.Resolver;

/// <summary>
/// A stub resolver (RFC 1034 §5.3.1): asks recursive servers over an <see cref="IStack"/> and caches
/// their answers in a <see cref="DnsCache"/>.
/// </summary>
/// <remarks>
/// <para>Each attempt binds a fresh UDP socket on port 0 (a new source port) and uses a random
/// 16-bit id from the <see cref="IEntropy"/>. A datagram that is not from the server, or whose id,
/// QR bit, opcode or echoed question differ from the query, is ignored and the wait goes on (RFC 5452
/// §9.1). A response with TC set is asked again of the same server over TCP with a 2-byte length
/// prefix (RFC 7766 §8), with the same timeout. A FORMERR or NOTIMP without an OPT record is taken
/// to mean the server does not know EDNS, and the query is repeated without it (RFC 6891 §7). SERVFAIL, REFUSED and other failure codes, timeouts
/// and network errors move on to the next server; <see cref="ResolverOptions.Attempts"/> rounds over
/// all servers are made before <see cref="DnsResolveException"/> is thrown.</para>
/// <para>Concurrent queries for the same name and type share one exchange. Every member must be
/// called on an <see cref="EventLoop"/> thread; timeouts use that loop's timers.</para>
/// </remarks>
public sealed partial class StubResolver
{
    private readonly IStack _stack;
    private readonly ResolverOptions _options;
    private readonly IEntropy _entropy;
    private readonly Dictionary<DnsQuestion, Task<DnsQueryResult>> _inFlight = [];

    /// <summary>Creates a resolver; nothing is sent until a query is made.</summary>
    /// <exception cref="ArgumentException">No server is given, the timeout is not positive, attempts is
    /// below 1, or (with the cache on) the cache capacity or a TTL cap is not positive.</exception>
    public StubResolver(IStack stack, ResolverOptions options, IEntropy entropy)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(entropy);
        if (options.Servers.Count == 0)
            throw new ArgumentException("At least one server is needed.", nameof(options));
        if (options.Timeout <= TimeSpan.Zero || options.Attempts < 1)
            throw new ArgumentException("The timeout must be positive and attempts at least 1.", nameof(options));
        _stack = stack;
        _options = options;
        _entropy = entropy;
        Cache = options.UseCache ? new DnsCache(options.CacheCapacity, options.MaxCacheTtl, options.MaxNegativeCacheTtl) : null;
    }

    /// <summary>The cache, or null when <see cref="ResolverOptions.UseCache"/> is off.</summary>
    public DnsCache? Cache { get; }

    /// <summary>
    /// Asks for the records of <paramref name="type"/> at <paramref name="name"/> (class IN), following
    /// CNAMEs, from the cache when it holds a live answer and otherwise from the servers.
    /// NOERROR (with or without data) and NXDOMAIN are results, not exceptions.
    /// </summary>
    /// <exception cref="DnsResolveException">Every attempt timed out or failed
    /// (<see cref="DnsResolveError.Timeout"/>, <see cref="DnsResolveError.ServerFailure"/>,
    /// <see cref="DnsResolveError.Refused"/>, <see cref="DnsResolveError.NetworkError"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled;
    /// an exchange shared with other callers carries on for them.</exception>
    public Task<DnsQueryResult> QueryAsync(DnsName name, DnsType type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var question = new DnsQuestion(name, type);
        EventLoop loop = EventLoop.Current;
        if (Cache?.Lookup(question, loop.NowNanoseconds) is { } hit)
            return Task.FromResult(hit);
        if (!_inFlight.TryGetValue(question, out Task<DnsQueryResult>? exchange))
        {
            exchange = SharedExchangeAsync(question, loop);
            if (!exchange.IsCompleted)
                _inFlight[question] = exchange;
        }
        return cancellationToken.CanBeCanceled ? exchange.WaitAsync(cancellationToken) : exchange;
    }

    private async Task<DnsQueryResult> SharedExchangeAsync(DnsQuestion question, EventLoop loop)
    {
        try
        {
            return await ExchangeAsync(question, loop).ConfigureAwait(true);
        }
        finally
        {
            _inFlight.Remove(question);
        }
    }

    private async Task<DnsQueryResult> ExchangeAsync(DnsQuestion question, EventLoop loop)
    {
        var tried = new List<IPEndPoint>();
        DnsResolveError worst = DnsResolveError.Timeout;
        string? detail = null;
        for (int round = 0; round < _options.Attempts; round++)
        {
            foreach (IPEndPoint server in _options.Servers)
            {
                if (!tried.Contains(server))
                    tried.Add(server);
                AttemptOutcome outcome = await AskAsync(server, question, loop, _options.EdnsPayloadSize).ConfigureAwait(true);
                if (outcome.Message is { Edns: null } refusal && _options.EdnsPayloadSize != 0
                    && ResponseInterpretation.RcodeOf(refusal) is DnsResponseCode.FormatError or DnsResponseCode.NotImplemented)
                    outcome = await AskAsync(server, question, loop, ednsPayloadSize: 0).ConfigureAwait(true); // RFC 6891 §7: a server without EDNS
                if (outcome.Message is { } message)
                {
                    DnsResponseCode rcode = ResponseInterpretation.RcodeOf(message);
                    if (rcode is DnsResponseCode.NoError or DnsResponseCode.NameError)
                    {
                        var answer = ResponseInterpretation.Interpret(question, message);
                        Cache?.Store(question, answer, loop.NowNanoseconds);
                        return new DnsQueryResult(question, rcode, [.. answer.RRsets.SelectMany(s => s)], answer.CanonicalName, fromCache: false);
                    }
                    outcome = AttemptOutcome.Failed(
                        rcode == DnsResponseCode.Refused ? DnsResolveError.Refused : DnsResolveError.ServerFailure,
                        $"{server} answered {rcode}");
                }
                if (Rank(outcome.Error) >= Rank(worst))
                {
                    worst = outcome.Error;
                    detail = outcome.Detail;
                }
            }
        }
        throw new DnsResolveException(worst, question.Name.ToString(), question.Type, tried, detail);
    }

    /// <summary>One attempt at one server: UDP, then TCP when the answer was truncated.</summary>
    private async Task<AttemptOutcome> AskAsync(IPEndPoint server, DnsQuestion question, EventLoop loop, ushort ednsPayloadSize)
    {
        AttemptOutcome outcome = await UdpAttemptAsync(server, question, loop, ednsPayloadSize).ConfigureAwait(true);
        if (outcome.Truncated)
            outcome = await TcpAttemptAsync(server, question, loop, ednsPayloadSize).ConfigureAwait(true);
        return outcome;
    }

    /// <summary>Which failure to report when servers failed differently: the most informative.</summary>
    private static int Rank(DnsResolveError error) => error switch
    {
        DnsResolveError.ServerFailure => 3,
        DnsResolveError.Refused => 2,
        DnsResolveError.NetworkError => 1,
        _ => 0,
    };

    private ushort NewId()
    {
        Span<byte> bytes = stackalloc byte[2];
        _entropy.Fill(bytes);
        return BinaryPrimitives.ReadUInt16LittleEndian(bytes);
    }

    private int RandomBelow(int bound)
    {
        Span<byte> bytes = stackalloc byte[4];
        _entropy.Fill(bytes);
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes) % (uint)bound);
    }
}
