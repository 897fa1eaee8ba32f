using Microsoft.Playwright;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Console.Browser;

/// <summary>Each page in English and Chinese: screenshots for docs/console.md, and no English left on the Chinese pages.</summary>
public sealed partial class ConsoleBrowserTests
{
    /// <summary>
    /// ASCII words a Chinese page may show: the language switch names English in English (as every language picker
    /// names each language in its own), and the names of formats, protocols and units that guards see as they are
    /// (the CSV export, MQTT, frames per second, IDs).
    /// </summary>
    private static readonly string[] AsciiAllowedInChinese = ["English", "CSV", "MQTT", "fps", "ID", "JPEG"];

    /// <summary>
    /// Every run of two or more ASCII letters in the page's visible text and in the placeholder, title and aria-label
    /// attributes, outside [data-v] elements (data from the site and the events: ids, names, notes, which are not translated).
    /// </summary>
    private const string EnglishWordsScript = """
        allowed => {
          const ok = new Set(allowed);
          const found = [];
          const shown = el => {
            for (let e = el; e; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (s.display === 'none' || s.visibility === 'hidden') return false;
            }
            return el.getClientRects().length > 0;
          };
          const check = (text, where) => {
            for (const m of (text || '').matchAll(/[A-Za-z]{2,}/g))
              if (!ok.has(m[0])) found.push(`${where}: "${m[0]}" in "${text.trim().slice(0, 80)}"`);
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n; (n = walker.nextNode());) {
            const el = n.parentElement;
            if (!el || !n.textContent.trim() || el.closest('[data-v],script,style,noscript,template')) continue;
            const option = el.closest('option');
            if (!shown(option ? option.closest('select') : el)) continue;
            check(n.textContent, '<' + el.tagName.toLowerCase() + '>');
          }
          for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],input[type=submit],input[type=button]')) {
            if (el.closest('[data-v]')) continue;
            for (const a of ['placeholder', 'title', 'aria-label'])
              if (el.hasAttribute(a)) check(el.getAttribute(a), `<${el.tagName.toLowerCase()} ${a}>`);
            if (el.matches('input[type=submit],input[type=button]')) check(el.value, `<input value>`);
          }
          check(document.title, '<title>');
          return found;
        }
        """;

    [ChromiumFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task Every_page_in_both_languages_is_screenshotted_and_the_chinese_pages_show_no_english()
    {
        await _appliance.StartAsync();
        // An event with its snapshot, for the detail page (the pipeline attaches the snapshot just after storing the event).
        string? eventId = null;
        await Poll.UntilAsync(async () => (eventId = (await _appliance.Store.ListRecentAsync(20)).FirstOrDefault(e => e.SnapshotId is not null)?.Id) is not null, FirstAlert);
        Assert.True(eventId is not null, "the pipeline stored no event with a snapshot");

        var pages = new (string Name, string Path, string Ready)[]
        {
            ("login", "/login", "input[name=password]"),
            ("alerts", "/", "[data-testid=alert-card]"),
            ("events", "/events", "[data-testid=events-table]"),
            ("event", $"/events/{eventId}", "[data-testid=event-snapshot]"),
            ("cameras", "/cameras", "[data-testid=camera-tile]"),
            ("editor", $"/editor?camera={ApplianceFixture.CameraId}", "[data-testid=editor-svg]"),
        };
        var folder = Path.Combine(RepositoryFiles.Root, "docs", "images", "console");
        Directory.CreateDirectory(folder);
        var english = new List<string>();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            foreach (var (name, path, ready) in pages)
            {
                var (context, page) = await _appliance.OpenAsync(_browsers, name == "login" ? null : "admin", language);
                await using var _ = context;
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
                // Thumbnails, the live view's first frame and the fonts settle (the still pictures loaded, as far as they come in 5 s).
                try
                {
                    await page.WaitForFunctionAsync("() => [...document.images].filter(i => i.src && !i.src.includes('.mjpg')).every(i => i.complete)", null, new PageWaitForFunctionOptions { Timeout = 5000 });
                }
                catch (TimeoutException)
                {
                }

                await page.WaitForTimeoutAsync(1000);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{language}.png") });
                if (language == "zh-CN")
                {
                    english.AddRange((await page.EvaluateAsync<string[]>(EnglishWordsScript, AsciiAllowedInChinese)).Select(w => $"{name}: {w}"));
                }
            }
        }

        Assert.True(english.Count == 0, "English on the Chinese pages:\n" + string.Join("\n", english.Distinct()));
    }
}
