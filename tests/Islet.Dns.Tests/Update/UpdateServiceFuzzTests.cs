using Islet.Dns.Security;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using Xunit.Abstractions;
using static Islet.Dns.Tests.Update.UpdateMessages;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Tests.Update;

/// <summary>Seeded random mutations of signed updates through the whole service.</summary>
public sealed class UpdateServiceFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 100_000;

    [Fact]
    public void Mutated_signed_updates_never_throw_always_get_a_parsable_response_and_change_nothing_unless_authenticated()
    {
        var random = new Random(2136);
        TsigKey key = UpdateServiceTests.Key;
        var service = new UpdateService(new TsigKeyring(key));
        DnsZone zone = SampleZone();
        DateTimeOffset now = UpdateServiceTests.Now;
        DnsMessage[] seeds =
        [
            UpdateOf([AddA("new", "192.0.2.77"), AddA("www", "192.0.2.12")]),
            UpdateOf([AnyOf("www", DnsType.A), DeleteA("ns1", "192.0.2.1")], [AnyOf("www", DnsType.ANY)]),
            UpdateOf([AnyOf("alias", DnsType.ANY), Add("txt", 60, new TxtRecordData("some text"))], [NoneOf("txt", DnsType.ANY)]),
        ];
        byte[][] signed = [.. seeds.Select(s => UpdateServiceTests.Signed(s, key, now).Request)];
        byte[] response = new byte[1232];
        int changed = 0, responded = 0, authenticatedChanges = 0;
        for (int n = 0; n < Iterations; n++)
        {
            byte[] request = (byte[])signed[n % signed.Length].Clone();
            int flips = random.Next(1, 5);
            for (int i = 0; i < flips; i++)
                request[random.Next(request.Length)] = (byte)random.Next(256);
            if (random.Next(8) == 0)
                request = request[..random.Next(request.Length + 1)];
            UpdateServiceResult result = service.Handle(request, [zone], now, response);
            if (result.ResponseLength > 0)
            {
                responded++;
                DnsMessage.Parse(response.AsSpan(0, result.ResponseLength));
            }
            if (result.Changed)
            {
                changed++;
                Assert.Equal(TsigStatus.Valid, result.Tsig);
                if (TsigVerifier.VerifyRequest(request, new TsigKeyring(key), now).Status == TsigStatus.Valid)
                    authenticatedChanges++;
            }
        }
        output.WriteLine($"{Iterations} mutated updates: {responded} answered, {changed} changed the zone (all with a valid MAC)");
        Assert.Equal(changed, authenticatedChanges);
        Assert.True(responded > Iterations / 2);
        // The unmutated seeds do change the zone, so the check above is not vacuous.
        Assert.True(service.Handle(signed[0], [zone], now, response).Changed);
    }
}
