using System.Net;
using System.Net.Sockets;

namespace Identity.SignalWire.Samples;

/// <summary>Who a request comes from, for rate limits: an IPv4 address, or the /64 network of an IPv6 one.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The rate-limit key of <paramref name="address"/>. An IPv6 client usually gets a whole /64 from its provider and
    /// can pick any address in it, so counting single IPv6 addresses would give it 2^64 budgets.
    /// </summary>
    /// <param name="address">The client's address, after forwarded headers from known proxies were applied.</param>
    /// <returns>"ip:203.0.113.7", "ip:2001:db8:1:2::/64", or "ip:unknown".</returns>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "ip:" + new IPAddress(bytes) + "/64";
    }
}
