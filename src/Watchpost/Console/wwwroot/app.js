// The console's shell: session, top bar, storage banner, live stream and alarm; then the page named by <body data-page>.

import { h, v, clear } from './dom.js';
import { get, setCsrf } from './api.js';
import { t, setLanguage, language, languages } from './i18n.js';
import { AlertStore } from './live.js';
import { Alarm } from './sound.js';
import { errorNode } from './ui.js';

const PAGES = {
  alerts: './alerts.js',
  events: './events.js',
  event: './event.js',
  cameras: './cameras.js',
  editor: './editor.js',
};

async function main() {
  const page = PAGES[document.body.dataset.page] ? document.body.dataset.page : 'alerts';
  const mainNode = document.getElementById('main');
  let session;
  try {
    session = await get('/api/session');
  } catch (error) {
    clear(mainNode).appendChild(h('p', { class: 'page-error' }, errorNode(error)));
    return;
  }
  setCsrf(session.csrf);
  setLanguage(session.language, session.timeZone);
  document.documentElement.lang = language();

  const store = new AlertStore();
  const alarm = new Alarm(store);
  renderTopBar(session, store, alarm, page);
  watchStatus();

  const ctx = { session, store, alarm, main: mainNode, page };
  store.start().catch(() => {});
  clear(mainNode).appendChild(h('p', { class: 'loading' }, t('common.loading')));
  const module = await import(PAGES[page]);
  clear(mainNode);
  await module.render(ctx);
}

function renderTopBar(session, store, alarm, page) {
  const bar = clear(document.getElementById('topbar'));

  const brand = h('div', { class: 'brand' },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
    h('span', { class: 'brand-name' }, t('app.name')),
    session.siteName ? v(session.siteName, { class: 'site-name' }) : null);

  const badge = h('span', { class: 'nav-badge', hidden: true, 'aria-hidden': 'true' });
  const items = [
    ['alerts', '/', 'nav.alerts', badge],
    ['events', '/events', 'nav.events'],
    ['cameras', '/cameras', 'nav.cameras'],
  ];
  if (session.canAdmin) items.push(['editor', '/editor', 'nav.editor']);
  const current = page === 'event' ? 'events' : page;
  const nav = h('nav', { class: 'nav', 'aria-label': t('nav.label') },
    items.map(([key, href, label, extra]) => h('a', {
      href, class: 'nav-link' + (key === current ? ' active' : ''), 'aria-current': key === current ? 'page' : null,
      dataset: { testid: 'nav-' + key },
    }, t(label), extra || null)));
  // The count of unacknowledged alerts, updated at most twice a second (a burst must not relayout per alert).
  let badgeTimer = 0;
  store.subscribe(() => {
    if (badgeTimer) return;
    badgeTimer = setTimeout(() => {
      badgeTimer = 0;
      let unacked = 0;
      for (const e of store.events.values()) if (e.state === 'new') unacked++;
      const text = String(unacked);
      badge.hidden = unacked === 0;
      if (badge.textContent !== text) badge.textContent = text;
    }, 500);
  });

  const streamLabel = h('span', { class: 'stream-label' });
  const stream = h('span', { class: 'stream-state', role: 'status', title: t('stream.title'), dataset: { testid: 'stream-state', state: 'closed' } },
    h('span', { class: 'stream-dot', 'aria-hidden': 'true' }), streamLabel);
  store.onStreamState((state) => {
    stream.dataset.state = state;
    streamLabel.textContent = t(state === 'open' ? 'stream.open' : store.lastSeq > 0 || store.loaded ? 'stream.closed' : 'stream.connecting');
  });

  const sound = h('button', { type: 'button', class: 'btn btn-sound', hidden: true, title: t('sound.enableHint'), dataset: { testid: 'sound-enable' } }, t('sound.enable'));
  sound.addEventListener('click', () => alarm.resume());
  alarm.onState(() => {
    sound.hidden = !alarm.suspended;
  });

  const user = h('span', { class: 'user' },
    h('span', { class: 'sr-only' }, t('shell.user')), ' ',
    v(session.user, { class: 'user-name', dataset: { testid: 'user-name' } }), ' ',
    h('span', { class: 'role', dataset: { testid: 'user-role' } }, t('role.' + session.role)));

  // Language names are written in their own language (data-v: the language test does not judge them).
  const lang = h('select', { class: 'lang-switch', 'aria-label': t('shell.language'), 'data-v': true, dataset: { testid: 'lang-switch' } },
    languages.map((code) => h('option', { value: code, lang: code }, t('lang.' + code))));
  lang.value = language();
  lang.addEventListener('change', () => {
    document.cookie = `watchpost_lang=${lang.value}; path=/; max-age=31536000; SameSite=Strict`;
    location.reload();
  });

  const logout = h('form', { method: 'post', action: '/logout', class: 'logout' },
    h('input', { type: 'hidden', name: '__antiforgery', value: session.csrf }),
    h('button', { type: 'submit', class: 'btn btn-quiet', dataset: { testid: 'logout' } }, t('shell.logout')));

  bar.append(brand, nav, h('div', { class: 'topbar-right' }, stream, sound, user, lang, logout));
}

/** The storage banner (GET /api/status): shown while the database is not ok or the disk is full. */
function watchStatus() {
  const banner = document.getElementById('banner');
  const check = async () => {
    let status;
    try {
      status = await get('/api/status');
    } catch {
      return;
    }
    clear(banner);
    const lines = [];
    if (status.database && status.database !== 'ok') {
      const key = 'banner.database.' + status.database;
      const line = h('p', null, t(key in { 'banner.database.recovered': 1, 'banner.database.unavailable': 1 } ? key : 'banner.database.other'));
      if (status.databaseMessage) line.append(' ', t('banner.details'), ' ', v(status.databaseMessage));
      lines.push(line);
    }
    if (status.diskFull) {
      lines.push(h('p', null, t('banner.diskFull', { dropped: status.snapshotsDropped ?? 0, held: status.heldInMemory ?? 0 })));
    }
    banner.append(...lines);
    banner.hidden = lines.length === 0;
  };
  check();
  setInterval(check, 30000);
}

main();
