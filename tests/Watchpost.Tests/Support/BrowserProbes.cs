namespace Watchpost.Tests.Support;

/// <summary>
/// What the browser tests measure inside the page, installed before the page's own scripts (an init script):
/// <c>window.__probe.seen[eventId]</c> = Date.now() when an alert card with that data-event-id first entered the
/// document (a MutationObserver, called before the next paint); <c>maxGap</c>/<c>gaps</c> = the longest time between
/// two animation frames (the main thread was busy that long); <c>longTasks</c> = durations of long tasks (over
/// 50 ms); <c>clicks</c> = from each click's input time to the frame after its handlers ran.
/// </summary>
public static class BrowserProbes
{
    public const string Script = """
        (() => {
          if (window.__probe) return;
          const p = window.__probe = { seen: {}, maxGap: 0, frames: 0, longTasks: [], clicks: [], bigGaps: [] };
          p.reset = () => { p.maxGap = 0; p.frames = 0; p.longTasks = []; p.clicks = []; p.bigGaps = []; };
          const note = el => {
            const id = el.getAttribute('data-event-id');
            if (id && !(id in p.seen)) p.seen[id] = Date.now();
          };
          const scan = n => {
            if (n.nodeType !== 1) return;
            if (n.matches('[data-testid="alert-card"]')) note(n);
            n.querySelectorAll('[data-testid="alert-card"]').forEach(note);
          };
          new MutationObserver(ms => {
            for (const m of ms) {
              if (m.type === 'attributes') scan(m.target); else m.addedNodes.forEach(scan);
            }
          }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-event-id'] });
          let last = performance.now();
          const frame = t => {
            const gap = t - last;
            last = t;
            p.frames++;
            if (gap > p.maxGap) p.maxGap = gap;
            if (gap > 100) p.bigGaps.push(gap);
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
          try {
            new PerformanceObserver(list => { for (const e of list.getEntries()) p.longTasks.push(e.duration); })
              .observe({ type: 'longtask', buffered: true });
          } catch (e) { p.longTaskError = String(e); }
          document.addEventListener('click', e => {
            const start = e.timeStamp;
            requestAnimationFrame(() => setTimeout(() => p.clicks.push(performance.now() - start), 0));
          }, true);
        })();
        """;
}
