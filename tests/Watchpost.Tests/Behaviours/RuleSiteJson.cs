using System.Text;
using Microsoft.Extensions.Configuration;
using Watchpost.Configuration;

namespace Watchpost.Tests.Behaviours;

/// <summary>A site written as JSON, read through the real loader (the shape installers write).</summary>
internal static class RuleSiteJson
{
    public static WatchpostOptions Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return WatchpostOptionsLoader.Bind(new ConfigurationBuilder().AddJsonStream(stream).Build(), "test site");
    }
}
