namespace Islet.Dns.Tests;

public sealed class DnsClassTests
{
    [Fact]
    public void Class_values_are_the_registered_numbers()
    {
        Assert.Equal(1, (int)DnsClass.Internet);
        Assert.Equal(255, (int)DnsClass.Any);
    }
}
