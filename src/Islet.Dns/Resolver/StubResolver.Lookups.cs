using System.Net;
using System.Net.Sockets;
using System.Text;
using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;

namespace Islet.Dns.Resolver;

public sealed partial class StubResolver
{
    /// <summary>
    /// The addresses of <paramref name="host"/>: its A records, then its AAAA records (both asked at
    /// once). A literal IPv4 (dotted quad) or IPv6 address is returned as is, without a query. A name
    /// without a final dot is taken as fully qualified (there is no search list).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="host"/> is not a valid name.</exception>
    /// <exception cref="DnsResolveException">Neither type yielded an address:
    /// <see cref="DnsResolveError.NameNotFound"/>, <see cref="DnsResolveError.NoData"/>, or the
    /// failure of the A query (else the AAAA query) when servers could not answer.</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (TryParseLiteral(host, out IPAddress? literal))
            return [literal];
        DnsName name = ParseName(host);
        Task<DnsQueryResult> v4 = QueryAsync(name, DnsType.A, cancellationToken);
        Task<DnsQueryResult> v6 = QueryAsync(name, DnsType.AAAA, cancellationToken);
        try
        {
            await Task.WhenAll(v4, v6).ConfigureAwait(true);
        }
        catch (DnsResolveException)
        {
            // looked at per task below
        }
        cancellationToken.ThrowIfCancellationRequested();
        var addresses = new List<IPAddress>();
        foreach (Task<DnsQueryResult> task in (Task<DnsQueryResult>[])[v4, v6])
        {
            if (task.IsCompletedSuccessfully)
                addresses.AddRange(task.Result.Records.Select(r => r.Data switch
                {
                    ARecordData a => a.Address,
                    AaaaRecordData aaaa => aaaa.Address,
                    _ => IPAddress.None,
                }).Where(a => !ReferenceEquals(a, IPAddress.None)));
        }
        _ = v4.Exception; // a failure of one type is not an error when the other has addresses
        _ = v6.Exception;
        if (addresses.Count > 0)
            return addresses;
        foreach (Task<DnsQueryResult> task in (Task<DnsQueryResult>[])[v4, v6])
        {
            if (task.Exception?.InnerException is DnsResolveException failure)
                throw failure;
        }
        bool missing = v4.Result.Rcode == DnsResponseCode.NameError || v6.Result.Rcode == DnsResponseCode.NameError;
        IReadOnlyList<IPEndPoint> servers = v4.Result.FromCache && v6.Result.FromCache ? [] : _options.Servers;
        throw new DnsResolveException(missing ? DnsResolveError.NameNotFound : DnsResolveError.NoData, host, DnsType.A, servers,
            missing ? null : "no A or AAAA records");
    }

    /// <summary>
    /// The SRV records at <paramref name="name"/> (for example "_sip._tcp.example.com") in the order to
    /// try them (RFC 2782): by priority, then weighted random within a priority, using the entropy
    /// source. A single record with target "." means the service is decidedly not offered: the list
    /// is then empty.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    /// <exception cref="DnsResolveException">NameNotFound, NoData, or the servers' failure.</exception>
    public async Task<IReadOnlyList<SrvRecordData>> ResolveServiceAsync(string name, CancellationToken cancellationToken = default)
    {
        DnsQueryResult result = await QueryAsync(ParseName(name), DnsType.SRV, cancellationToken).ConfigureAwait(true);
        SrvRecordData[] records = [.. Expect(result, name).Select(r => (SrvRecordData)r.Data)];
        if (records is [{ Target.IsRoot: true }])
            return [];
        return SrvOrder.Order(records, RandomBelow);
    }

    /// <summary>The TXT records at <paramref name="name"/>, one string per record: its character-strings
    /// joined without separators (as SPF and DKIM read them) and decoded as UTF-8.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    /// <exception cref="DnsResolveException">NameNotFound, NoData, or the servers' failure.</exception>
    public async Task<IReadOnlyList<string>> ResolveTextAsync(string name, CancellationToken cancellationToken = default)
    {
        DnsQueryResult result = await QueryAsync(ParseName(name), DnsType.TXT, cancellationToken).ConfigureAwait(true);
        return [.. Expect(result, name).Select(r => string.Concat(((TxtRecordData)r.Data).Strings.Select(s => Encoding.UTF8.GetString(s))))];
    }

    private IEnumerable<DnsRecord> Expect(DnsQueryResult result, string name)
    {
        IReadOnlyList<IPEndPoint> servers = result.FromCache ? [] : _options.Servers;
        if (result.Rcode == DnsResponseCode.NameError)
            throw new DnsResolveException(DnsResolveError.NameNotFound, name, result.Question.Type, servers);
        if (result.IsNoData)
            throw new DnsResolveException(DnsResolveError.NoData, name, result.Question.Type, servers);
        return result.Records;
    }

    private static DnsName ParseName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return DnsName.Parse(text);
        }
        catch (DnsFormatException e)
        {
            throw new ArgumentException($"'{text}' is not a valid domain name: {e.Message}", nameof(text), e);
        }
    }

    private static bool TryParseLiteral(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (host.Contains(':'))
            return IPAddress.TryParse(host, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        return host.Count(c => c == '.') == 3 && host.All(c => c == '.' || char.IsAsciiDigit(c))
            && IPAddress.TryParse(host, out address);
    }
}
