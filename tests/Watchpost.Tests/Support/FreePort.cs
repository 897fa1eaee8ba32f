using System.Net;
using System.Net.Sockets;

namespace Watchpost.Tests.Support;

public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999): a port the OS hands out for port 0 is also what it hands to the
    // next outgoing connection, so one chosen there can be taken by a client socket before the test binds it.
    private const int First = 20000;
    private const int Last = 32000;

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now, outside the range the OS gives outgoing connections.</summary>
    public static int Tcp()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: try another
            }
        }

        throw new InvalidOperationException($"no free TCP port in {First}-{Last} after 200 tries");
    }
}
