using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Gpio;
using Watchpost.Models;

namespace Watchpost.Cli.Doctor;

/// <summary>What every check works from: the loaded site, the service's container, the board's file, and what one check found that others need (the model).</summary>
public sealed class DoctorContext
{
    private readonly Lazy<(ResolvedModel? Model, string? Error)> _model;

    public DoctorContext(CliServices services, BoardMap board, ILoggerFactory logs, TimeSpan cameraTimeout, Func<ModelCatalog>? catalog = null)
    {
        Services = services;
        Board = board;
        Logs = logs;
        CameraTimeout = cameraTimeout;
        var catalogs = catalog ?? ModelCatalog.Default;
        _model = new(() =>
        {
            try
            {
                return (catalogs().Resolve(Options.Detector.Model, Options.Detector.ModelPath), null);
            }
            catch (Exception e) when (e is ModelFileException or KeyNotFoundException or IOException or UnauthorizedAccessException)
            {
                return (null, e.Message);
            }
        });
    }

    public CliServices Services { get; }

    public WatchpostOptions Options => Services.Options;

    public string SiteFile => Services.SiteFile;

    /// <summary>The board doctor checks: --board, else the site file's gpio.board.</summary>
    public BoardMap Board { get; }

    public ILoggerFactory Logs { get; }

    public TimeSpan CameraTimeout { get; }

    /// <summary>The site's model, resolved and verified once (as <c>watchpost model verify</c> does), or why it cannot be.</summary>
    public (ResolvedModel? Model, string? Error) Model => _model.Value;
}
