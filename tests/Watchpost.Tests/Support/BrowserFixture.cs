using Microsoft.Playwright;

namespace Watchpost.Tests.Support;

/// <summary>
/// One headless chromium for the browser collection, launched on first use (so that skipped tests launch none);
/// each test opens its own context (cookies, language) and page. Playwright's bundled driver (node, in the
/// test output's .playwright folder) drives Debian's chromium: `playwright install` cannot download browsers here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> BrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    // As root chromium refuses its sandbox; /dev/shm is small in containers.
                    Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"],
                    Timeout = 60_000,
                });
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh context on the console at <paramref name="baseUrl"/>: 1280x800, the given language cookie, logged in when a storage state is given.</summary>
    /// <param name="storageState">What <see cref="IBrowserContext.StorageStateAsync"/> gave after a login; null = anonymous.</param>
    /// <param name="language">The operator's choice (cookie watchpost_lang), "en" or "zh-CN"; null = none (the site's default).</param>
    public async Task<IBrowserContext> NewContextAsync(string baseUrl, string? storageState = null, string? language = "en")
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = language == "zh-CN" ? "zh-CN" : "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        if (language is not null)
        {
            await context.AddCookiesAsync([new Cookie { Name = "watchpost_lang", Value = language, Url = baseUrl }]);
        }

        // A page may ask (confirm, prompt for an optional note): the guard says yes, with no text.
        context.Page += (_, page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return context;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }
}
