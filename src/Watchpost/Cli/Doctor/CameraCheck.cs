using System.Globalization;
using Watchpost.Configuration;
using Watchpost.Ingest;

namespace Watchpost.Cli.Doctor;

/// <summary>One enabled camera gives a frame within the timeout, through the service's frame sources (<see cref="CameraProbe"/>); cameras are probed in parallel.</summary>
internal sealed class CameraCheck : IDoctorCheck
{
    private readonly CameraOptions _camera;

    public CameraCheck(CameraOptions camera) => _camera = camera;

    public string Name => $"camera {_camera.Id}";

    public bool Parallel => true;

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var url = UrlRedaction.Redact(_camera.Url);
        if (!_camera.Enabled)
        {
            return DoctorResult.Skip(Name, $"disabled in the site file ({url})");
        }

        try
        {
            var result = await new CameraProbe(context.Logs).ProbeAsync(_camera, context.CameraTimeout, null, cancellationToken);
            if (result.Ok)
            {
                return DoctorResult.Pass(Name, string.Create(CultureInfo.InvariantCulture,
                    $"{result.Url}: {result.Width}x{result.Height}, first frame after {result.TimeToFirstFrame?.TotalSeconds:0.0} s ({result.Transport})"));
            }

            // The probe's own explanation (wrong password, unreachable, path not found, ...) and its hint, as `camera probe` gives them.
            return result.Failure is { } failure
                ? DoctorResult.Fail(Name, $"{result.Url}: {failure.Title}: {failure.Message}",
                    $"{failure.Hint}; then correct cameras[{_camera.Id}].url in {context.SiteFile}")
                : DoctorResult.Fail(Name, $"{result.Url}: {result.Error}",
                    $"watchpost camera probe '{url}' (explains the failure); check the camera's address, user name, password and stream path in {context.SiteFile}");
        }
        catch (CameraUrlException e)
        {
            return DoctorResult.Fail(Name, e.Message, $"correct cameras[{_camera.Id}].url in {context.SiteFile}");
        }
    }
}
