// The event log (/events): a search (time range in the site's time zone, camera, rule, severity, state) kept in
// the URL so it can be bookmarked, a paged table and the same search as CSV.

import { h, v, clear } from './dom.js';
import { t, term, termText, formatTime, siteTimeZone } from './i18n.js';
import { get, query } from './api.js';
import { localToUtcIso, utcIsoToLocal } from './time.js';
import { errorNode, severityBadge, stateBadge, pageTitle } from './ui.js';

const SIZE = 50;
const FILTERS = ['since', 'until', 'camera', 'rule', 'severity', 'state'];

export async function render(ctx) {
  const { main } = ctx;
  const zone = siteTimeZone();

  const since = h('input', { type: 'datetime-local', name: 'since', step: '1', dataset: { testid: 'filter-since' } });
  const until = h('input', { type: 'datetime-local', name: 'until', step: '1', dataset: { testid: 'filter-until' } });
  const camera = select('camera', [], 'filter-camera');
  const rule = select('rule', [], 'filter-rule');
  const severity = select('severity', ['low', 'medium', 'high', 'critical'].map((s) => [s, termText('severity', s), false]), 'filter-severity');
  const state = select('state', ['new', 'acknowledged', 'resolved'].map((s) => [s, termText('state', s), false]), 'filter-state');

  const label = (key, input) => h('label', { class: 'filter' }, h('span', null, t(key)), input);
  const exportLink = h('a', { class: 'btn', dataset: { testid: 'export-csv' }, download: '' }, t('events.export'));
  const clearButton = h('button', { type: 'button', class: 'btn btn-quiet' }, t('events.reset'));
  const form = h('form', { class: 'filters', 'aria-label': t('events.filters') },
    label('events.since', since), label('events.until', until), label('field.camera', camera),
    label('field.rule', rule), label('field.severity', severity), label('field.state', state),
    h('div', { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'btn btn-primary', dataset: { testid: 'search' } }, t('events.search')), clearButton, exportLink));
  const note = h('p', { class: 'hint' }, t('events.timeZone'), ' ', v(zone));

  const status = h('p', { class: 'table-status', role: 'status' });
  const tbody = h('tbody');
  const table = h('table', { class: 'events-table', 'aria-label': t('events.tableLabel'), dataset: { testid: 'events-table' } },
    h('thead', null, h('tr', null,
      ['field.time', 'field.severity', 'field.type', 'field.camera', 'field.zone', 'field.rule', 'field.state', 'field.assignedTo', 'events.snapshot']
        .map((key) => h('th', { scope: 'col' }, t(key))))),
    tbody);
  const prev = h('button', { type: 'button', class: 'btn', dataset: { testid: 'page-prev' } }, t('events.prev'));
  const next = h('button', { type: 'button', class: 'btn', dataset: { testid: 'page-next' } }, t('events.next'));
  const pageInfo = h('span', { class: 'page-info' });
  const pager = h('nav', { class: 'pager' }, prev, pageInfo, next);

  main.append(h('div', { class: 'page-head' }, pageTitle(t('events.title'))), form, note, status,
    h('div', { class: 'table-wrap' }, table), pager);

  // Cameras and their rules for the pickers; the search works without them.
  get('/api/cameras').then((cameras) => {
    const current = readParams();
    fillOptions(camera, cameras.map((c) => [c.id, c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id, true]), current.camera);
    const rules = [...new Set(cameras.flatMap((c) => (c.rules || []).map((r) => r.ruleId)))].sort();
    fillOptions(rule, rules.map((r) => [r, r, true]), current.rule);
  }).catch(() => {});

  function readParams() {
    const search = new URLSearchParams(location.search);
    const p = {};
    for (const key of [...FILTERS, 'page']) p[key] = search.get(key) || '';
    return p;
  }

  function formParams() {
    return {
      since: localToUtcIso(since.value, zone) || '',
      until: localToUtcIso(until.value, zone) || '',
      camera: camera.value, rule: rule.value, severity: severity.value, state: state.value,
    };
  }

  function showParams(p) {
    since.value = utcIsoToLocal(p.since, zone);
    until.value = utcIsoToLocal(p.until, zone);
    setSelect(camera, p.camera);
    setSelect(rule, p.rule);
    severity.value = p.severity;
    state.value = p.state;
  }

  let loading = 0;
  async function load() {
    const p = readParams();
    showParams(p);
    const filters = {};
    for (const key of FILTERS) filters[key] = p[key];
    const page = Math.max(1, parseInt(p.page, 10) || 1);
    exportLink.href = '/api/events.csv' + query(filters);
    const mine = ++loading;
    status.textContent = t('common.loading');
    status.classList.remove('error');
    let answer;
    try {
      answer = await get('/api/events' + query({ ...filters, page, size: SIZE }));
    } catch (error) {
      if (mine !== loading) return;
      clear(status).appendChild(errorNode(error));
      status.classList.add('error');
      clear(tbody);
      pager.hidden = true;
      return;
    }
    if (mine !== loading) return;
    const pages = Math.max(1, Math.ceil((answer.total || 0) / (answer.size || SIZE)));
    status.textContent = answer.total ? t('events.total', { total: answer.total }) : t('events.empty');
    clear(tbody);
    for (const e of answer.items || []) tbody.appendChild(row(e));
    pageInfo.textContent = t('events.page', { page: answer.page || page, pages });
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    pager.hidden = !answer.total;
    prev.onclick = () => navigate({ ...filters, page: page - 1 });
    next.onclick = () => navigate({ ...filters, page: page + 1 });
  }

  function navigate(params) {
    const search = query({ ...params, page: params.page > 1 ? params.page : '' });
    history.pushState(null, '', location.pathname + search);
    load();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(formParams());
  });
  clearButton.addEventListener('click', () => navigate({}));
  window.addEventListener('popstate', load);
  await load();
}

function row(e) {
  const href = e.url || '/events/' + encodeURIComponent(e.id);
  return h('tr', { class: 'sev-row-' + e.severity, dataset: { eventId: e.id } },
    h('td', null, h('a', { href, dataset: { testid: 'event-link' } }, h('time', { datetime: e.startedAt }, formatTime(e.startedAt, true)))),
    h('td', null, severityBadge(e.severity)),
    h('td', null, term('type', e.type)),
    h('td', null, v(e.camera)),
    h('td', null, e.zone ? v(e.zone) : t('common.none')),
    h('td', null, v(e.rule)),
    h('td', null, stateBadge(e.state)),
    h('td', null, e.assignedTo ? v(e.assignedTo) : t('common.none')),
    h('td', null, e.snapshotUrl
      ? h('a', { href }, h('img', { class: 'row-thumb', src: e.snapshotUrl, loading: 'lazy', alt: t('alerts.snapshotAlt'), width: '96', height: '54' }))
      : t('common.none')));
}

/** A select with "any" first; options: [value, label, isData]. */
function select(name, options, testid) {
  const node = h('select', { name, dataset: { testid } });
  fillOptions(node, options, '');
  return node;
}

function fillOptions(node, options, selected) {
  clear(node).appendChild(h('option', { value: '' }, t('events.any')));
  for (const [value, label, isData] of options) node.appendChild(h('option', { value, 'data-v': isData || null }, label));
  setSelect(node, selected);
}

/** Selects value, adding it when the list does not have it (a bookmarked camera that is gone). */
function setSelect(node, value) {
  if (value && ![...node.options].some((o) => o.value === value)) node.appendChild(h('option', { value, 'data-v': true }, value));
  node.value = value || '';
}
