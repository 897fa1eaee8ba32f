// Small pieces shared by the pages: error messages, severity badges, the shared context.

import { h, v } from './dom.js';
import { t, term } from './i18n.js';
import { ApiError } from './api.js';

/** An error as the guard reads it: the page's own words, and the server's reason (its words are data) when it gave one. */
export function errorNode(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return h('span', null, t('error.network'));
    if (error.serverMessage) return h('span', null, t('error.server'), ' ', v(error.serverMessage));
    if (error.status === 403) return h('span', null, t('error.forbidden'));
    if (error.status === 404) return h('span', null, t('error.notFound'));
    return h('span', null, t('error.http', { status: error.status }));
  }
  return h('span', null, t('error.load'));
}

export function severityBadge(severity) {
  const badge = term('severity', severity);
  badge.className = 'badge sev sev-' + (severity || 'none');
  return badge;
}

export function stateBadge(state) {
  const badge = term('state', state);
  badge.className = 'badge state state-' + (state || 'none');
  return badge;
}

/** The object an event is about: "person #17" (class translated, track id is data). */
export function objectText(e) {
  const node = term('class', e.class);
  if (e.trackId !== null && e.trackId !== undefined) return h('span', null, node, ' ', v('#' + e.trackId));
  return node;
}

/** The guards an event can be assigned to, loaded once per page. */
let guardsPromise = null;
export async function loadGuards(get) {
  if (!guardsPromise) guardsPromise = get('/api/guards').catch(() => { guardsPromise = null; return []; });
  return guardsPromise;
}

/** A page title with the document title following it. */
export function pageTitle(text, ...extra) {
  document.title = text + ' · ' + t('app.name');
  return h('h1', { class: 'page-title' }, text, ...extra);
}
