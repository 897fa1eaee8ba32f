// The camera grid (/cameras): live MJPEG views scaled so that 16 fit one screen, each camera's health refreshed
// every 2 s, and the arming of its rules with arm / disarm for operators (POST /api/arming, the ArmingService).

import { h, v, clear, setData } from './dom.js';
import { t, term, formatNumber } from './i18n.js';
import { get, post, enc } from './api.js';
import { errorNode, pageTitle } from './ui.js';

const FPS = 4;

export async function render(ctx) {
  const { session, main } = ctx;
  const message = h('p', { class: 'grid-message', role: 'status' });
  const grid = h('div', { class: 'camera-grid', dataset: { testid: 'camera-grid' } });
  const empty = h('div', { class: 'empty-state', hidden: true }, h('p', { class: 'empty-title' }, t('cameras.empty')));
  main.classList.add('main-wide');
  main.append(h('div', { class: 'page-head compact' }, pageTitle(t('cameras.title')), message), empty, grid);

  const tiles = new Map();
  let width = 480;

  async function refresh() {
    let cameras;
    try {
      cameras = await get('/api/cameras');
    } catch (error) {
      clear(message).appendChild(errorNode(error));
      message.classList.add('error');
      return;
    }
    clear(message);
    message.classList.remove('error');
    empty.hidden = cameras.length > 0;
    const n = cameras.length;
    const cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
    const rows = Math.ceil(n / cols);
    grid.style.setProperty('--cols', String(cols));
    grid.style.setProperty('--rows', String(Math.max(rows, 1)));
    grid.classList.toggle('fit', n > 0);
    // The stream's width from the tile's size on this screen (80-1920 px, in steps of 80).
    const tileWidth = (grid.clientWidth || window.innerWidth) / cols;
    width = Math.min(1920, Math.max(160, Math.round((tileWidth * Math.min(window.devicePixelRatio || 1, 2)) / 80) * 80));

    const seen = new Set();
    let cursor = grid.firstChild;
    for (const camera of cameras) {
      seen.add(camera.id);
      let tile = tiles.get(camera.id);
      if (!tile) {
        tile = createTile(camera, session, width, refresh);
        tiles.set(camera.id, tile);
      }
      // Moved only when out of place: moving an <img> can restart its MJPEG stream.
      if (tile.node !== cursor) grid.insertBefore(tile.node, cursor);
      else cursor = cursor.nextSibling;
      tile.update(camera);
    }
    for (const [id, tile] of tiles) {
      if (!seen.has(id)) {
        tile.stop();
        tile.node.remove();
        tiles.delete(id);
      }
    }
  }

  // A hidden tab does not pull video from the appliance.
  document.addEventListener('visibilitychange', () => {
    for (const tile of tiles.values()) {
      if (document.hidden) tile.stop();
      else tile.play();
    }
  });

  await refresh();
  setInterval(() => {
    if (!document.hidden) refresh();
  }, 2000);
}

function createTile(camera, session, width, refresh) {
  const src = `/api/cameras/${enc(camera.id)}/live.mjpg?width=${width}&fps=${FPS}`;
  const img = h('img', { class: 'live', alt: t('cameras.liveAlt'), src, dataset: { testid: 'camera-live' } });
  const name = v('', { class: 'camera-name' });
  const state = h('span', { class: 'badge cam-state', dataset: { testid: 'camera-state' } });
  const fps = h('span', { class: 'stat' });
  const reconnects = h('span', { class: 'stat' });
  const tracks = h('span', { class: 'stat' });
  const error = h('p', { class: 'camera-error', hidden: true });
  const rules = h('ul', { class: 'camera-rules', 'aria-label': t('cameras.rules') });
  const message = h('p', { class: 'action-message', role: 'status' });

  const arm = async (button, action, scope, id) => {
    button.disabled = true;
    clear(message);
    message.classList.remove('error');
    try {
      const result = await post('/api/arming', { action, scope, id });
      if (result && result.succeeded === false) {
        message.classList.add('error');
        message.append(t('arming.failed'), ' ', result.error ? v(result.error) : '');
      }
    } catch (err) {
      message.classList.add('error');
      message.appendChild(errorNode(err));
    } finally {
      button.disabled = false;
      refresh();
    }
  };

  let cameraButtons = null;
  if (session.canOperate) {
    const armAll = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'arm-camera', camera: camera.id } }, t('arming.armCamera'));
    const disarmAll = h('button', { type: 'button', class: 'btn btn-small btn-warn', dataset: { testid: 'disarm-camera', camera: camera.id } }, t('arming.disarmCamera'));
    armAll.addEventListener('click', () => arm(armAll, 'arm', 'camera', camera.id));
    disarmAll.addEventListener('click', () => arm(disarmAll, 'disarm', 'camera', camera.id));
    cameraButtons = h('div', { class: 'camera-buttons' }, armAll, disarmAll);
  }
  const edit = session.canAdmin ? h('a', { class: 'btn btn-small btn-quiet', href: '/editor?camera=' + enc(camera.id) }, t('cameras.edit')) : null;

  const node = h('article', { class: 'camera-tile', dataset: { testid: 'camera-tile', camera: camera.id } },
    h('div', { class: 'live-frame' }, img,
      h('div', { class: 'live-top' }, name, state),
      h('div', { class: 'live-bottom' }, fps, reconnects, tracks)),
    h('div', { class: 'camera-info' }, error,
      h('div', { class: 'camera-rules-head' }, h('span', { class: 'rules-title' }, t('cameras.rules')), cameraButtons, edit),
      rules, message));

  const ruleRows = new Map();
  function update(c) {
    setData(name, c.name && c.name !== c.id ? `${c.name} · ${c.id}` : c.id);
    state.replaceChildren(term('camera', c.state));
    state.className = 'badge cam-state cam-' + c.state;
    node.dataset.state = c.state;
    fps.replaceChildren(h('span', { 'data-v': true }, formatNumber(c.fps, 1)), ' ', t('cameras.fps'));
    reconnects.replaceChildren(t('cameras.reconnects'), ' ', h('span', { 'data-v': true }, String(c.reconnects ?? 0)));
    tracks.replaceChildren(t('cameras.tracks'), ' ', h('span', { 'data-v': true }, String(c.tracks ?? 0)));
    error.hidden = !c.lastError;
    if (c.lastError) error.replaceChildren(t('cameras.lastError'), ' ', v(c.lastError));

    const list = c.rules || [];
    const ids = new Set(list.map((r) => r.ruleId));
    for (const [id, row] of ruleRows) if (!ids.has(id)) { row.node.remove(); ruleRows.delete(id); }
    if (list.length === 0 && !rules.querySelector('.hint')) rules.replaceChildren(h('li', { class: 'hint' }, t('cameras.noRules')));
    else if (list.length > 0) rules.querySelector('.hint')?.remove();
    for (const r of list) {
      let row = ruleRows.get(r.ruleId);
      if (!row) {
        row = ruleRow(r, session, arm);
        ruleRows.set(r.ruleId, row);
      }
      rules.appendChild(row.node);
      row.update(r);
    }
  }

  return {
    node,
    update,
    stop() { img.removeAttribute('src'); },
    play() { if (!img.getAttribute('src')) img.src = src; },
  };
}

function ruleRow(rule, session, arm) {
  const status = h('span', { class: 'badge arm-state' });
  const type = h('span', { class: 'rule-type' });
  let armButton = null;
  let disarmButton = null;
  if (session.canOperate) {
    armButton = h('button', { type: 'button', class: 'btn btn-small', dataset: { testid: 'arm', rule: rule.ruleId } }, t('arming.arm'));
    disarmButton = h('button', { type: 'button', class: 'btn btn-small btn-warn', dataset: { testid: 'disarm', rule: rule.ruleId } }, t('arming.disarm'));
    armButton.addEventListener('click', () => arm(armButton, 'arm', 'rule', rule.ruleId));
    disarmButton.addEventListener('click', () => arm(disarmButton, 'disarm', 'rule', rule.ruleId));
  }
  const node = h('li', { class: 'rule-row', dataset: { rule: rule.ruleId } }, v(rule.ruleId, { class: 'rule-id' }), type, status, armButton, disarmButton);
  return {
    node,
    update(r) {
      node.dataset.status = r.status;
      type.replaceChildren(term('type', r.type));
      status.replaceChildren(term('arming', r.status));
      status.className = 'badge arm-state arm-' + r.status;
      // A rule switched off in the site file is not armed from here; one outside its schedule can still be disarmed.
      if (armButton) armButton.hidden = r.status !== 'disarmedByOperator';
      if (disarmButton) disarmButton.hidden = r.status === 'disarmedByOperator' || r.status === 'disabled';
    },
  };
}
