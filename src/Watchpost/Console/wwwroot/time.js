// Times: the API speaks UTC ISO 8601; the guard sees and types the site's wall-clock time (session.timeZone).

/** The offset of timeZone from UTC at the instant utcMs, in milliseconds (positive east of Greenwich). */
function offsetAt(utcMs, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * "2026-12-01T08:30" (a datetime-local value, wall-clock time in timeZone) -> "2026-12-01T00:30:00.000Z".
 * Null for an empty or malformed value.
 */
export function localToUtcIso(local, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local || '');
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  // Two passes: the offset at the guess, then at the corrected instant (daylight-saving edges).
  let utc = wall - offsetAt(wall, timeZone);
  utc = wall - offsetAt(utc, timeZone);
  return new Date(utc).toISOString();
}

/** "2026-12-01T00:30:00Z" -> "2026-12-01T08:30" in timeZone, for a datetime-local input; '' when not a time. */
export function utcIsoToLocal(iso, timeZone) {
  const ms = Date.parse(iso || '');
  if (Number.isNaN(ms)) return '';
  const wall = new Date(ms + offsetAt(ms, timeZone));
  return wall.toISOString().slice(0, 16);
}
