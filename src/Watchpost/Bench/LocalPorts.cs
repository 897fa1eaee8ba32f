using System.Net;
using System.Net.Sockets;

namespace Watchpost.Bench;

/// <summary>Free local ports for the servers bench starts (and the tests' RTSP server, which needs the same).</summary>
internal static class LocalPorts
{
    /// <summary>A free loopback TCP port (the kernel's choice).</summary>
    public static int FreeTcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free local UDP ports (even, below the ephemeral range):
    /// rtsp-server-perl relays RTP/RTCP on consecutive pairs from a base port.
    /// </summary>
    public static int FreeUdpRun(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = Random.Shared.Next(10_000, 16_000) * 2;
            var sockets = new List<UdpClient>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    sockets.Add(new UdpClient(new IPEndPoint(IPAddress.Loopback, port)));
                }

                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(socket => socket.Dispose());
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free UDP ports found");
    }
}
