// The alarm: Web Audio oscillator patterns, one per severity (no audio files), repeated while an alert is
// unacknowledged and not muted. Only the most severe waiting alert sounds, so a burst is loud, not a cacophony.

const RANK = { low: 1, medium: 2, high: 3, critical: 4 };

// Each pattern: notes [start s, length s, frequency Hz (or [from, to] for a sweep), wave], repeated every `every` s.
const PATTERNS = {
  low: { every: 12, gain: 0.08, notes: [[0, 0.18, 523, 'sine']] },
  medium: { every: 6, gain: 0.12, notes: [[0, 0.16, 660, 'sine'], [0.28, 0.16, 660, 'sine']] },
  high: {
    every: 3, gain: 0.14,
    notes: [[0, 0.12, 880, 'square'], [0.2, 0.12, 880, 'square'], [0.4, 0.12, 880, 'square']],
  },
  critical: {
    every: 1.6, gain: 0.16,
    notes: [[0, 0.6, [700, 1400], 'sawtooth'], [0.65, 0.6, [1400, 700], 'sawtooth']],
  },
};

export class Alarm {
  constructor(store) {
    this.store = store;
    this.context = null;
    this.lastPlayed = 0;
    this.lastSeverity = null;
    this.listeners = new Set();
    const AudioContextType = window.AudioContext || window.webkitAudioContext;
    if (AudioContextType) {
      try {
        this.context = new AudioContextType();
        this.context.onstatechange = () => this.emit();
      } catch {
        this.context = null;
      }
    }
    // Any click on the page counts as the gesture the browser's autoplay policy waits for.
    document.addEventListener('pointerdown', () => this.resume(), { capture: true });
    document.addEventListener('keydown', () => this.resume(), { capture: true });
    setInterval(() => this.tick(), 250);
  }

  /** True when the browser holds the sound back until the guard clicks ("enable sound"). */
  get suspended() {
    return !!this.context && this.context.state !== 'running';
  }

  get available() {
    return !!this.context;
  }

  onState(listener) {
    this.listeners.add(listener);
    listener();
  }

  emit() {
    for (const listener of this.listeners) listener();
  }

  resume() {
    if (this.context && this.context.state === 'suspended') {
      this.context.resume().then(() => this.emit(), () => {});
    }
  }

  /** The most severe unacknowledged, unmuted alert's severity, or null when nothing should sound. */
  loudest() {
    let best = null;
    for (const e of this.store.events.values()) {
      if (e.state !== 'new' || this.store.isMuted(e.id)) continue;
      if (!best || (RANK[e.severity] || 0) > (RANK[best] || 0)) best = e.severity;
    }
    return best && PATTERNS[best] ? best : best ? 'high' : null;
  }

  tick() {
    const severity = this.loudest();
    if (!severity) {
      this.lastSeverity = null;
      return;
    }
    if (!this.context || this.context.state !== 'running') return;
    const pattern = PATTERNS[severity];
    const now = this.context.currentTime;
    // A more severe alert than the one sounding starts its pattern at once.
    const escalated = this.lastSeverity && RANK[severity] > RANK[this.lastSeverity];
    if (escalated || this.lastSeverity === null || now - this.lastPlayed >= pattern.every) {
      this.play(pattern, now + 0.02);
      this.lastPlayed = now;
      this.lastSeverity = severity;
    }
  }

  play(pattern, at) {
    const ctx = this.context;
    for (const [start, length, frequency, wave] of pattern.notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = wave;
      const t0 = at + start;
      if (Array.isArray(frequency)) {
        osc.frequency.setValueAtTime(frequency[0], t0);
        osc.frequency.linearRampToValueAtTime(frequency[1], t0 + length);
      } else {
        osc.frequency.setValueAtTime(frequency, t0);
      }
      // A short attack and release: no clicks.
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(pattern.gain, t0 + 0.01);
      gain.gain.setValueAtTime(pattern.gain, t0 + length - 0.02);
      gain.gain.linearRampToValueAtTime(0, t0 + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + length + 0.02);
    }
  }
}
