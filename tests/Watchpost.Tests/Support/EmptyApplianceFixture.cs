namespace Watchpost.Tests.Support;

/// <summary>The appliance of <see cref="ApplianceFixture"/> without a camera: the load tests feed it alerts themselves, at a known rate.</summary>
public sealed class EmptyApplianceFixture : ApplianceFixture
{
    protected override bool WithFootage => false;
}
