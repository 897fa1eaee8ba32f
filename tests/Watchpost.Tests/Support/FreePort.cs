using System.Net;
using System.Net.Sockets;

namespace Watchpost.Tests.Support;

public static class FreePort
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it).</summary>
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
