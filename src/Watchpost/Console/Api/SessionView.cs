namespace Watchpost.WebConsole.Api;

/// <summary>What the page knows of its user and site (GET /api/session), with the antiforgery token for its changes.</summary>
public sealed record SessionView(
    string User,
    string Role,
    string Language,
    string TimeZone,
    string SiteName,
    string DeviceId,
    string Csrf,
    bool CanOperate,
    bool CanAdmin);
