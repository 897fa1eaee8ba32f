// The live alert screen (/): the open alerts from the shell's store, newest first with the unacknowledged ones on
// top, updated in place; DOM work batched per animation frame and the list capped so a burst stays smooth.

import { h, v, clear, setData } from './dom.js';
import { t, term, formatTime } from './i18n.js';
import { get } from './api.js';
import { actionBar } from './actions.js';
import { severityBadge, stateBadge, objectText, loadGuards, pageTitle } from './ui.js';

const MAX_CARDS = 200;
const MIN_GAP = 150;
const MAX_FLASHING = 3;

export async function render(ctx) {
  const { session, store, main } = ctx;
  const summary = h('p', { class: 'alerts-summary', role: 'status' });
  const list = h('section', { class: 'alert-list', 'aria-label': t('alerts.listLabel'), dataset: { testid: 'alerts' } });
  const empty = h('div', { class: 'empty-state', dataset: { testid: 'alerts-empty' } },
    h('div', { class: 'empty-mark', 'aria-hidden': 'true' }),
    h('p', { class: 'empty-title' }, t('alerts.empty')),
    h('p', { class: 'empty-hint' }, t('alerts.emptyHint')));
  const capped = h('p', { class: 'capped', hidden: true }, '');
  main.append(h('div', { class: 'page-head' }, pageTitle(t('alerts.title')), summary), empty, list, capped);

  const cards = new Map();
  let guards = [];
  const actionCtx = () => ({ session, guards, onEvent: (e) => store.apply(e) });

  if (session.canOperate) {
    loadGuards(get).then((g) => {
      guards = g;
      for (const card of cards.values()) card.actions?.setGuards(g);
    });
  }

  let dirty = new Set();
  let all = true;
  let initialised = false;
  let scheduled = false;
  let lastFlush = 0;
  // One DOM update per animation frame, and at most one every MIN_GAP ms: a burst of 20 alerts a second becomes
  // a few batched updates a second instead of a layout per alert.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    const wait = Math.max(0, lastFlush + MIN_GAP - performance.now());
    if (wait > 0) setTimeout(() => requestAnimationFrame(flush), wait);
    else requestAnimationFrame(flush);
  };

  store.subscribe((ids) => {
    if (ids === null) all = true;
    else for (const id of ids) dirty.add(id);
    schedule();
  });

  function flush() {
    scheduled = false;
    lastFlush = performance.now();
    const changed = dirty;
    const everything = all;
    dirty = new Set();
    all = false;

    const ordered = [...store.events.values()].sort(compare);
    const shown = ordered.slice(0, MAX_CARDS);
    const keep = new Set(shown.map((e) => e.id));

    for (const [id, card] of cards) {
      if (!keep.has(id)) {
        card.node.remove();
        cards.delete(id);
      }
    }
    let cursor = list.firstChild;
    for (const e of shown) {
      let card = cards.get(e.id);
      if (!card) {
        card = createCard(e, store, session.canOperate ? actionCtx() : null);
        cards.set(e.id, card);
        // An alert that arrives while the guard watches is highlighted for a few seconds.
        if (initialised) {
          card.node.classList.add('fresh');
          setTimeout(() => card.node.classList.remove('fresh'), 4000);
        }
        card.update(e, store.isMuted(e.id));
      } else if (everything || changed.has(e.id)) {
        card.update(e, store.isMuted(e.id));
      }
      if (card.node !== cursor) list.insertBefore(card.node, cursor);
      else cursor = cursor.nextSibling;
    }

    // Only the newest waiting critical alerts flash (see style.css): the rest are marked without an animation.
    let flashing = 0;
    for (const e of shown) {
      const flash = e.state === 'new' && e.severity === 'critical' && flashing < MAX_FLASHING;
      if (flash) flashing++;
      const node = cards.get(e.id).node;
      if (node.classList.contains('flash') !== flash) node.classList.toggle('flash', flash);
    }

    let unacked = 0;
    for (const e of ordered) if (e.state === 'new') unacked++;
    summary.textContent = ordered.length ? t('alerts.count', { open: ordered.length, unacked }) : '';
    empty.hidden = ordered.length > 0 || !store.loaded;
    list.hidden = ordered.length === 0;
    capped.hidden = ordered.length <= MAX_CARDS;
    if (!capped.hidden) {
      clear(capped).append(t('alerts.capped', { shown: shown.length, total: ordered.length }), ' ',
        h('a', { href: '/events?state=new' }, t('nav.events')));
    }
    document.body.classList.toggle('has-unacked', unacked > 0);
    if (store.loaded) initialised = true;
  }

  schedule();
}

/** Unacknowledged first, then newest first. */
function compare(a, b) {
  const wa = a.state === 'new' ? 0 : 1;
  const wb = b.state === 'new' ? 0 : 1;
  if (wa !== wb) return wa - wb;
  return a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0;
}

function createCard(event, store, actionCtx) {
  const img = h('img', { class: 'thumb-img', loading: 'lazy', decoding: 'async', alt: t('alerts.snapshotAlt'), width: '320', height: '180' });
  const noSnap = h('span', { class: 'thumb-none' }, t('alerts.noSnapshot'));
  const thumb = h('a', { class: 'thumb', href: event.url || '/events/' + encodeURIComponent(event.id), 'aria-label': t('alerts.details') }, img, noSnap);

  const sev = h('span');
  const type = h('span', { class: 'alert-type' });
  const state = h('span');
  const time = h('time', { class: 'alert-time' });
  const ended = h('span', { class: 'alert-ended' });
  const camera = v('', { class: 'camera' });
  const rule = v('');
  const zone = h('span');
  const object = h('span');
  const assigned = h('span');
  const muteLabel = h('span');
  const mute = h('button', { type: 'button', class: 'btn btn-mute', 'aria-pressed': 'false', title: t('action.muteLabel'), dataset: { testid: 'mute' } },
    speaker(), muteLabel);
  mute.addEventListener('click', () => store.setMuted(event.id, !store.isMuted(event.id)));
  const details = h('a', { class: 'details-link', href: event.url || '/events/' + encodeURIComponent(event.id) }, t('alerts.details'));

  const field = (label, value) => h('div', { class: 'field' }, h('dt', null, t(label)), h('dd', null, value));
  const actions = actionCtx ? actionBar(event, actionCtx) : null;

  const node = h('article', { class: 'alert-card', dataset: { testid: 'alert-card', eventId: event.id } },
    thumb,
    h('div', { class: 'alert-body' },
      h('header', { class: 'alert-head' }, sev, type, state, h('span', { class: 'spacer' }), time, ended),
      h('dl', { class: 'alert-fields' },
        field('field.camera', camera), field('field.rule', rule), field('field.zone', zone),
        field('field.object', object), field('field.assignedTo', assigned)),
      h('div', { class: 'alert-foot' }, actions ? actions.node : null, h('div', { class: 'alert-tools' }, mute, details))));

  // The event goes out before its picture is stored (it is rendered afterwards), so the first load of the
  // picture can miss it: try again a few times, later each time.
  let retries = 0;
  img.addEventListener('error', () => {
    if (!lastSnapshot || retries >= 5) return;
    retries += 1;
    const url = lastSnapshot;
    setTimeout(() => { if (url === lastSnapshot) img.src = `${url}?retry=${retries}`; }, 500 * 2 ** retries);
  });

  let lastSnapshot;
  function update(e, muted) {
    event = e;
    node.dataset.state = e.state;
    node.dataset.severity = e.severity;
    node.className = `alert-card sev-${e.severity} state-${e.state}` + (muted ? ' muted' : '') + (node.classList.contains('fresh') ? ' fresh' : '') + (node.classList.contains('flash') ? ' flash' : '');
    if (e.snapshotUrl !== lastSnapshot) {
      lastSnapshot = e.snapshotUrl;
      retries = 0;
      if (e.snapshotUrl) img.src = e.snapshotUrl;
      else img.removeAttribute('src');
      img.hidden = !e.snapshotUrl;
      noSnap.hidden = !!e.snapshotUrl;
    }
    sev.replaceChildren(severityBadge(e.severity));
    type.replaceChildren(term('type', e.type));
    state.replaceChildren(stateBadge(e.state));
    time.dateTime = e.startedAt;
    time.textContent = formatTime(e.startedAt);
    ended.textContent = e.endedAt ? t('alerts.ended') : t('alerts.ongoing');
    ended.className = 'alert-ended' + (e.endedAt ? '' : ' ongoing');
    setData(camera, e.camera);
    setData(rule, e.rule);
    zone.replaceChildren(e.zone ? v(e.zone) : t('common.none'));
    object.replaceChildren(objectText(e));
    assigned.replaceChildren(e.assignedTo ? v(e.assignedTo) : h('span', { class: 'muted-text' }, t('alerts.notAssigned')));
    mute.setAttribute('aria-pressed', String(muted));
    muteLabel.textContent = t(muted ? 'action.unmute' : 'action.mute');
    mute.hidden = e.state !== 'new';
    actions?.update(e);
  }

  return { node, update, actions };
}

/** A small speaker icon (a cross over it when muted, by CSS); no icon font or emoji needed. */
function speaker() {
  return h('svg:svg', { class: 'mute-icon', viewBox: '0 0 16 16', width: '14', height: '14', 'aria-hidden': 'true' },
    h('svg:path', { d: 'M2 6h3l4-3v10l-4-3H2z', fill: 'currentColor' }),
    h('svg:path', { class: 'waves', d: 'M11 5.5c1 1.2 1 3.8 0 5M12.8 4c1.8 2 1.8 6 0 8', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.3' }),
    h('svg:path', { class: 'cross', d: 'M11 6l4 4M15 6l-4 4', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' }));
}
