// The open alerts, kept current from the server's event stream (GET /api/stream, docs/console-api.md).
// Every page of the shell holds one store, so an alert sounds whichever page the guard is looking at.

import { get } from './api.js';

const MUTED_KEY = 'watchpost_muted';

export class AlertStore {
  constructor() {
    /** Open (not resolved) events by id. */
    this.events = new Map();
    this.listeners = new Set();
    this.changeListeners = new Set();
    this.stateListeners = new Set();
    this.muted = new Set(readMuted());
    this.streamState = 'closed';
    this.lastSeq = 0;
    this.source = null;
    this.retry = 1000;
    this.loaded = false;
    this.during = null;
  }

  /** listener(ids: Set of changed ids | null for everything) after each batch of changes. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** listener(change) for every stream message (the detail page follows one event). */
  onChange(listener) {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStreamState(listener) {
    this.stateListeners.add(listener);
    listener(this.streamState);
    return () => this.stateListeners.delete(listener);
  }

  start() {
    this.connect();
    return this.reload();
  }

  /** Loads the open events again (first load and after the server's reset). */
  async reload() {
    // Changes that come over the stream while the list loads are newer than the list: they win.
    const during = new Map();
    this.during = during;
    let answer;
    try {
      answer = await get('/api/events?open=true&size=200');
    } finally {
      if (this.during === during) this.during = null;
    }
    const fresh = new Map();
    for (const e of answer.items || []) fresh.set(e.id, e);
    for (const [id, e] of during) fresh.set(id, e);
    for (const [id, e] of fresh) {
      if (e.state === 'resolved') fresh.delete(id);
    }
    this.events = fresh;
    this.loaded = true;
    this.pruneMuted();
    this.emit(null);
  }

  /** An event as the server sent it (a change, or the answer of an action): stored, or removed once resolved. */
  apply(event) {
    if (!event || !event.id) return;
    if (this.during) this.during.set(event.id, event);
    if (event.state === 'resolved') {
      this.events.delete(event.id);
      this.muted.delete(event.id);
    } else {
      this.events.set(event.id, event);
    }
    this.emit(new Set([event.id]));
  }

  emit(ids) {
    for (const listener of this.listeners) listener(ids);
  }

  isMuted(id) {
    return this.muted.has(id);
  }

  setMuted(id, muted) {
    if (muted) this.muted.add(id);
    else this.muted.delete(id);
    writeMuted(this.muted);
    this.emit(new Set([id]));
  }

  pruneMuted() {
    for (const id of [...this.muted]) if (!this.events.has(id)) this.muted.delete(id);
    writeMuted(this.muted);
  }

  setState(state) {
    if (this.streamState === state) return;
    this.streamState = state;
    for (const listener of this.stateListeners) listener(state);
  }

  connect() {
    if (this.source) this.source.close();
    const url = '/api/stream' + (this.lastSeq > 0 ? '?after=' + this.lastSeq : '');
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => {
      this.retry = 1000;
      this.setState('open');
    };
    source.addEventListener('change', (message) => {
      let change;
      try {
        change = JSON.parse(message.data);
      } catch {
        return;
      }
      if (typeof change.seq === 'number') this.lastSeq = change.seq;
      this.apply(change.event);
      for (const listener of this.changeListeners) listener(change);
    });
    source.addEventListener('reset', (message) => {
      try {
        const data = JSON.parse(message.data);
        if (typeof data.seq === 'number') this.lastSeq = data.seq;
      } catch {
        // A reset without a number still means: load the list again.
      }
      this.reload().catch(() => {});
      for (const listener of this.changeListeners) listener({ kind: 'reset' });
    });
    source.onerror = () => {
      this.setState('closed');
      // The browser retries by itself (sending Last-Event-ID) unless the answer was not a stream at all.
      if (source.readyState === EventSource.CLOSED) {
        const delay = this.retry;
        this.retry = Math.min(this.retry * 2, 30000);
        setTimeout(() => {
          if (this.source === source) this.connect();
        }, delay);
      }
    };
  }
}

function readMuted() {
  try {
    return JSON.parse(sessionStorage.getItem(MUTED_KEY) || '[]');
  } catch {
    return [];
  }
}

function writeMuted(set) {
  try {
    sessionStorage.setItem(MUTED_KEY, JSON.stringify([...set]));
  } catch {
    // Private mode: muting lasts for this page only.
  }
}
