// An event's page (/events/{id}, the link in every MQTT alert): the full snapshot with the track's path and box drawn
// over it, the lifecycle, the notes, the audit trail and the operator's actions; follows the live stream.

import { h, v, clear } from './dom.js';
import { t, term, formatTime, formatNumber } from './i18n.js';
import { get, enc } from './api.js';
import { actionBar } from './actions.js';
import { errorNode, severityBadge, stateBadge, objectText, loadGuards, pageTitle } from './ui.js';

export async function render(ctx) {
  const { session, store, main } = ctx;
  const id = decodeURIComponent(location.pathname.replace(/^\/events\//, '').replace(/\/$/, ''));
  let event;
  try {
    event = await get('/api/events/' + enc(id));
  } catch (error) {
    main.append(pageTitle(t('event.title')),
      h('p', { class: 'page-error' }, error.status === 404 ? t('event.notFound') : errorNode(error)),
      h('p', null, h('a', { href: '/events' }, t('event.backToLog'))));
    return;
  }

  const title = h('div', { class: 'page-head' }, pageTitle(t('event.title'), ' ', v(event.id, { class: 'event-id' })),
    h('a', { class: 'btn btn-quiet', href: '/events' }, t('event.backToLog')));
  const figure = h('figure', { class: 'snapshot' });
  const summary = h('dl', { class: 'facts', dataset: { testid: 'event-facts' } });
  const lifecycle = h('dl', { class: 'facts lifecycle', dataset: { testid: 'event-lifecycle' } });
  const notes = h('ul', { class: 'notes', dataset: { testid: 'event-notes' } });
  const measurements = h('dl', { class: 'facts measurements' });
  const auditBody = h('tbody');
  const auditEmpty = h('p', { class: 'hint', hidden: true }, t('event.noAudit'));
  const audit = h('table', { class: 'audit-table', dataset: { testid: 'audit-table' } },
    h('thead', null, h('tr', null, ['audit.at', 'audit.operator', 'audit.source', 'audit.action', 'audit.detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
    auditBody);

  let actions = null;
  if (session.canOperate) {
    actions = actionBar(event, { session, guards: [], onEvent: (e) => { store.apply(e); show(e); loadAudit(); } });
    loadGuards(get).then((g) => actions.setGuards(g));
  }

  main.append(title,
    h('div', { class: 'event-layout' },
      h('div', { class: 'event-main' }, figure),
      h('aside', { class: 'event-side' },
        h('section', { class: 'panel' }, summary),
        actions ? h('section', { class: 'panel' }, h('h2', null, t('event.actions')), actions.node) : null,
        h('section', { class: 'panel' }, h('h2', null, t('event.lifecycle')), lifecycle),
        h('section', { class: 'panel' }, h('h2', null, t('event.notes')), notes),
        h('section', { class: 'panel' }, h('h2', null, t('field.details')), measurements))),
    h('section', { class: 'panel audit' }, h('h2', null, t('event.audit')), auditEmpty, h('div', { class: 'table-wrap' }, audit)));

  let shownSnapshot;
  function show(e) {
    event = e;
    if (e.snapshotUrl !== shownSnapshot) {
      shownSnapshot = e.snapshotUrl;
      clear(figure).appendChild(e.snapshotUrl ? snapshot(e) : h('div', { class: 'thumb-none big' }, t('alerts.noSnapshot')));
    }
    const fact = (label, ...value) => [h('dt', null, t(label)), h('dd', null, ...value)];
    clear(summary).append(
      ...fact('field.severity', severityBadge(e.severity)),
      ...fact('field.type', term('type', e.type)),
      ...fact('field.state', stateBadge(e.state)),
      ...fact('field.camera', v(e.camera)),
      ...fact('field.rule', v(e.rule)),
      ...fact('field.zone', e.zone ? v(e.zone) : t('common.none')),
      ...fact('field.object', objectText(e)),
      ...fact('field.score', formatNumber(e.score, 2)));
    const when = (at, by) => (at ? [h('time', { datetime: at }, formatTime(at, true)), by ? [' · ', t('field.by'), ' ', v(by)] : null] : [t('common.none')]);
    clear(lifecycle).append(
      ...fact('field.started', ...when(e.startedAt)),
      ...fact('field.ended', ...when(e.endedAt)),
      ...fact('field.acknowledged', ...when(e.acknowledgedAt, e.acknowledgedBy)),
      ...fact('field.assigned', ...(e.assignedTo ? [v(e.assignedTo), e.assignedAt ? [' · ', h('time', { datetime: e.assignedAt }, formatTime(e.assignedAt, true))] : null] : [t('common.none')])),
      ...fact('field.resolved', ...when(e.resolvedAt, e.resolvedBy)));
    clear(notes);
    if (!e.notes || e.notes.length === 0) notes.appendChild(h('li', { class: 'hint' }, t('event.noNotes')));
    for (const n of e.notes || []) {
      notes.appendChild(h('li', { class: 'note' },
        h('div', { class: 'note-meta' }, h('time', { datetime: n.at }, formatTime(n.at, true)), ' · ', v(n.by)),
        h('p', { class: 'note-text', 'data-v': true }, n.text)));
    }
    clear(measurements);
    const details = Object.entries(e.details || {});
    for (const [key, value] of details) {
      measurements.append(h('dt', { 'data-v': true }, key), h('dd', { 'data-v': true }, typeof value === 'object' ? JSON.stringify(value) : String(value)));
    }
    if (details.length === 0) measurements.append(h('dd', null, t('common.none')));
    actions?.update(e);
  }

  async function loadAudit() {
    let entries;
    try {
      entries = await get(`/api/events/${enc(id)}/audit`);
    } catch (error) {
      clear(auditBody).appendChild(h('tr', null, h('td', { colspan: '5' }, errorNode(error))));
      return;
    }
    clear(auditBody);
    auditEmpty.hidden = entries.length > 0;
    audit.hidden = entries.length === 0;
    for (const a of entries) {
      auditBody.appendChild(h('tr', null,
        h('td', null, h('time', { datetime: a.at }, formatTime(a.at, true))),
        h('td', null, v(a.operator)),
        h('td', null, term('source', a.source)),
        h('td', null, term('audit', a.action)),
        h('td', null, a.detail ? v(a.detail) : '')));
    }
  }

  show(event);
  loadAudit();
  store.onChange((change) => {
    if (change.kind === 'reset' || (change.event && change.event.id === id)) {
      if (change.event) show(change.event);
      loadAudit();
    }
  });
}

/** The snapshot with an SVG overlay in the snapshot's own pixels (box and path are in those pixels). */
function snapshot(e) {
  const img = h('img', { class: 'snapshot-img', src: e.snapshotUrl, alt: t('alerts.snapshotAlt'), dataset: { testid: 'event-snapshot' } });
  const svg = h('svg:svg', { class: 'overlay', 'aria-label': t('event.path'), role: 'img', preserveAspectRatio: 'none', dataset: { testid: 'event-overlay' } });
  const draw = () => {
    const w = img.naturalWidth;
    const hgt = img.naturalHeight;
    if (!w || !hgt) return;
    svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
    clear(svg);
    const stroke = Math.max(2, w / 400);
    if (Array.isArray(e.box) && e.box.length === 4) {
      const [x, y, bw, bh] = e.box;
      svg.appendChild(h('svg:rect', { x, y, width: bw, height: bh, class: 'ov-box', 'stroke-width': stroke * 1.5 }));
    }
    const path = (e.path || []).filter((p) => Array.isArray(p) && p.length >= 2);
    if (path.length > 0) {
      svg.appendChild(h('svg:polyline', { points: path.map((p) => p[0] + ',' + p[1]).join(' '), class: 'ov-path', 'stroke-width': stroke }));
      const first = path[0];
      const last = path[path.length - 1];
      svg.appendChild(h('svg:circle', { cx: first[0], cy: first[1], r: stroke * 3, class: 'ov-start' }));
      svg.appendChild(h('svg:circle', { cx: last[0], cy: last[1], r: stroke * 3.5, class: 'ov-end' }));
    }
  };
  img.addEventListener('load', draw);
  if (img.complete) draw();
  return h('div', { class: 'snapshot-frame' }, img, svg);
}
