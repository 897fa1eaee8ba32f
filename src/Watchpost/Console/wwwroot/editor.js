// The zone, line and mask editor (/editor?camera=id, admin): shapes drawn on a camera snapshot in the camera's native
// pixels, the rules' parameters as a form, saved with PUT /api/site/cameras/{id} (validated and reloaded by the server).

import { h, v, clear } from './dom.js';
import { t, term, termText, has } from './i18n.js';
import { get, put, enc, ApiError } from './api.js';
import { errorNode, pageTitle } from './ui.js';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KINDS = ['zones', 'lines', 'masks'];
const KIND_LABEL = { zones: 'editor.zones', lines: 'editor.lines', masks: 'editor.masks' };
const KIND_NEW = { zones: 'editor.addZone', lines: 'editor.addLine', masks: 'editor.addMask' };
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const DIRECTIONS = ['a_to_b', 'b_to_a', 'both'];

export async function render(ctx) {
  const { session, main } = ctx;
  main.classList.add('main-wide');
  main.append(h('div', { class: 'page-head compact' }, pageTitle(t('editor.title'))));
  if (!session.canAdmin) {
    main.append(h('p', { class: 'page-error' }, t('editor.adminOnly')));
    return;
  }

  const picker = h('select', { class: 'camera-picker', 'aria-label': t('editor.camera'), dataset: { testid: 'editor-camera' } },
    h('option', { value: '' }, t('editor.chooseCamera')));
  const body = h('div', { class: 'editor' });
  main.append(h('div', { class: 'editor-bar' }, h('label', { class: 'filter inline' }, h('span', null, t('editor.camera')), picker)), body);

  let cameras = [];
  try {
    cameras = await get('/api/cameras');
  } catch (error) {
    body.append(h('p', { class: 'page-error' }, errorNode(error)));
  }
  for (const c of cameras) picker.appendChild(h('option', { value: c.id, 'data-v': true }, c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id));

  let editor = null;
  const open = (id) => {
    if (editor && editor.dirty() && !confirm(t('editor.unsaved'))) {
      picker.value = editor.camera;
      return false;
    }
    editor?.destroy();
    editor = null;
    clear(body);
    if (id) editor = cameraEditor(id, body);
    return true;
  };
  picker.addEventListener('change', () => {
    if (open(picker.value)) history.pushState(null, '', '/editor' + (picker.value ? '?camera=' + enc(picker.value) : ''));
  });
  window.addEventListener('popstate', () => {
    const id = new URLSearchParams(location.search).get('camera') || '';
    picker.value = id;
    open(id);
  });
  window.addEventListener('beforeunload', (e) => {
    if (editor && editor.dirty()) e.preventDefault();
  });

  const initial = new URLSearchParams(location.search).get('camera') || (cameras.length === 1 ? cameras[0].id : '');
  if (initial && ![...picker.options].some((o) => o.value === initial)) picker.appendChild(h('option', { value: initial, 'data-v': true }, initial));
  picker.value = initial;
  if (initial) open(initial);
}

function cameraEditor(cameraId, body) {
  const state = {
    site: null, width: 0, height: 0,
    selected: null, // {kind, index}
    vertex: null, drawing: false, dragging: null, dirty: false,
  };

  const message = h('div', { class: 'editor-message', role: 'status', 'aria-live': 'polite', dataset: { testid: 'editor-message' } });
  const img = h('img', { class: 'editor-img', alt: t('editor.snapshotAlt'), draggable: 'false' });
  const svg = h('svg:svg', { class: 'editor-svg', role: 'application', 'aria-label': t('editor.canvasLabel'), tabindex: '0', dataset: { testid: 'editor-svg' } });
  const frame = h('div', { class: 'editor-frame' }, img, svg);
  const noSnapshot = h('p', { class: 'hint', hidden: true }, t('editor.noSnapshot'));
  const help = h('p', { class: 'hint' }, t('editor.help'));
  const shapeLists = h('div', { class: 'shape-lists' });
  const tools = h('div', { class: 'shape-tools', dataset: { testid: 'editor-tools' } });
  const rulesForm = h('div', { class: 'rules-form', dataset: { testid: 'editor-rules' } });
  const save = h('button', { type: 'button', class: 'btn btn-primary', dataset: { testid: 'editor-save' } }, t('editor.save'));
  const discard = h('button', { type: 'button', class: 'btn btn-quiet', dataset: { testid: 'editor-discard' } }, t('editor.reload'));
  const unsaved = h('span', { class: 'unsaved', hidden: true }, t('editor.unsaved'));

  body.append(h('div', { class: 'editor-layout' },
    h('div', { class: 'editor-stage' }, frame, noSnapshot, help),
    h('aside', { class: 'editor-side' },
      h('section', { class: 'panel' }, h('h2', null, t('editor.shapes')), shapeLists, tools),
      h('section', { class: 'panel save-panel' }, h('div', { class: 'save-row' }, save, discard, unsaved), message),
      h('section', { class: 'panel' }, h('h2', null, t('editor.rules')), rulesForm))));

  const markDirty = () => {
    state.dirty = true;
    unsaved.hidden = false;
  };

  async function load() {
    clear(message);
    let site;
    try {
      site = await get('/api/site/cameras/' + enc(cameraId));
    } catch (error) {
      showError(error);
      return;
    }
    state.site = {
      camera: site.camera,
      zones: (site.zones || []).map((z) => ({ id: z.id, polygon: (z.polygon || []).map(point) })),
      lines: (site.lines || []).map((l) => ({ id: l.id, from: point(l.from), to: point(l.to) })),
      masks: (site.masks || []).map((m) => ({ id: m.id, polygon: (m.polygon || []).map(point) })),
      rules: (site.rules || []).map((r) => ({ id: r.id, type: r.type, parameters: { ...(r.parameters || {}) } })),
      editable: site.editable !== false,
      reason: site.reason,
    };
    state.selected = null;
    state.vertex = null;
    state.drawing = false;
    state.dirty = false;
    unsaved.hidden = true;
    save.disabled = !state.site.editable;
    if (!state.site.editable) {
      message.className = 'editor-message error';
      message.replaceChildren(t('editor.notEditable'), ' ', state.site.reason ? v(state.site.reason) : '');
    }
    if (!state.width) fallbackSize();
    renderAll();
    renderRules();
  }

  function fallbackSize() {
    // Without a picture: big enough for every point, at least 1280x720.
    let w = 1280;
    let hh = 720;
    for (const kind of KINDS) {
      for (const s of state.site?.[kind] || []) {
        for (const p of pointsOf(kind, s)) {
          w = Math.max(w, Math.ceil(p[0] + 1));
          hh = Math.max(hh, Math.ceil(p[1] + 1));
        }
      }
    }
    setSize(w, hh);
  }

  function setSize(w, hh) {
    state.width = w;
    state.height = hh;
    svg.setAttribute('viewBox', `0 0 ${w} ${hh}`);
    frame.style.aspectRatio = `${w} / ${hh}`;
    frame.style.setProperty('--ratio', String(w / hh));
    renderShapes();
  }

  img.addEventListener('load', () => {
    noSnapshot.hidden = true;
    setSize(img.naturalWidth, img.naturalHeight);
  });
  img.addEventListener('error', () => {
    noSnapshot.hidden = false;
    img.hidden = true;
    if (!state.width) fallbackSize();
  });
  img.src = `/api/cameras/${enc(cameraId)}/snapshot.jpg?t=${Date.now()}`;

  // ---- shapes on the picture ----
  function renderShapes() {
    if (!state.site || !state.width) return;
    clear(svg);
    const rect = svg.getBoundingClientRect();
    const scale = rect.width > 0 ? state.width / rect.width : state.width / 960;
    const r = 6 * scale;
    const stroke = 2 * scale;
    for (const kind of KINDS) {
      state.site[kind].forEach((shape, index) => {
        const selected = state.selected && state.selected.kind === kind && state.selected.index === index;
        const pts = pointsOf(kind, shape);
        const cls = `shape shape-${kind}` + (selected ? ' selected' : '');
        const data = { role: 'shape', kind, index };
        if (kind === 'lines') {
          if (pts.length === 2) drawLine(pts, cls, data, stroke, scale);
        } else if (pts.length >= 2) {
          const open = selected && state.drawing;
          svg.appendChild(h(open ? 'svg:polyline' : 'svg:polygon', { points: pts.map((p) => p.join(',')).join(' '), class: cls, 'stroke-width': stroke, dataset: data }));
        }
        if (pts.length > 0) {
          const label = kind === 'lines' && pts.length === 2 ? [(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2] : centroid(pts);
          svg.appendChild(h('svg:text', { x: label[0], y: label[1] - (kind === 'lines' ? 10 * scale : 0), class: 'shape-label label-' + kind, 'font-size': 14 * scale, 'data-v': true }, shape.id));
        }
        if (selected) {
          pts.forEach((p, vi) => {
            svg.appendChild(h('svg:circle', {
              cx: p[0], cy: p[1], r: vi === state.vertex ? r * 1.4 : r, class: 'vertex' + (vi === state.vertex ? ' active' : ''),
              'stroke-width': stroke, dataset: { role: 'vertex', kind, index, vertex: vi, testid: 'editor-vertex' },
            }));
          });
        }
      });
    }
  }

  function drawLine(pts, cls, data, stroke, scale) {
    const [a, b] = pts;
    svg.appendChild(h('svg:line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: cls, 'stroke-width': stroke * 1.5, dataset: data }));
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    // The arrowhead at "to": the line's direction from "from" to "to".
    const s = 14 * scale;
    svg.appendChild(h('svg:polygon', {
      points: [b, [b[0] - ux * s - uy * s * 0.5, b[1] - uy * s + ux * s * 0.5], [b[0] - ux * s + uy * s * 0.5, b[1] - uy * s - ux * s * 0.5]].map((p) => p.join(',')).join(' '),
      class: 'arrow-head ' + cls, dataset: data,
    }));
    // Across the middle: from side A (cross(to - from, p - from) > 0) to side B, as the rules and the live view count it.
    const mx = (a[0] + b[0]) / 2;
    const my = (a[1] + b[1]) / 2;
    const nx = -uy;
    const ny = ux;
    const L = 28 * scale;
    const pa = [mx + nx * L, my + ny * L];
    const pb = [mx - nx * L, my - ny * L];
    svg.appendChild(h('svg:line', { x1: pa[0], y1: pa[1], x2: pb[0], y2: pb[1], class: 'side-arrow', 'stroke-width': stroke }));
    svg.appendChild(h('svg:polygon', {
      points: [pb, [pb[0] + nx * s * 0.7 - ny * s * 0.4, pb[1] + ny * s * 0.7 + nx * s * 0.4], [pb[0] + nx * s * 0.7 + ny * s * 0.4, pb[1] + ny * s * 0.7 - nx * s * 0.4]].map((p) => p.join(',')).join(' '),
      class: 'side-arrow-head',
    }));
    svg.appendChild(h('svg:text', { x: pa[0] + nx * 10 * scale, y: pa[1] + ny * 10 * scale + 5 * scale, class: 'side-label', 'font-size': 13 * scale, 'data-v': true }, 'A'));
    svg.appendChild(h('svg:text', { x: pb[0] - nx * 10 * scale, y: pb[1] - ny * 10 * scale + 5 * scale, class: 'side-label', 'font-size': 13 * scale, 'data-v': true }, 'B'));
  }

  function toImage(e) {
    const rect = svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) * state.width) / rect.width;
    const y = ((e.clientY - rect.top) * state.height) / rect.height;
    return [clamp(Math.round(x), 0, state.width), clamp(Math.round(y), 0, state.height)];
  }

  svg.addEventListener('pointerdown', (e) => {
    if (!state.site || e.button !== 0) return;
    // A double-click while drawing closes the polygon. Its second press usually lands on the vertex the first
    // click added (a drag starts and the svg is redrawn, so no dblclick reaches us): it is told by time and place.
    const now = performance.now();
    const double = state.lastDown && now - state.lastDown.t < 450 && Math.hypot(e.clientX - state.lastDown.x, e.clientY - state.lastDown.y) < 8;
    state.lastDown = { t: now, x: e.clientX, y: e.clientY };
    if (double && state.drawing && state.selected && state.selected.kind !== 'lines') {
      e.preventDefault();
      state.lastDown = null;
      state.justFinished = Date.now();
      finishPolygon();
      return;
    }
    const target = e.target.closest('[data-role]');
    if (target && target.dataset.role === 'vertex') {
      state.selected = { kind: target.dataset.kind, index: Number(target.dataset.index) };
      state.vertex = Number(target.dataset.vertex);
      state.dragging = { moved: false };
      svg.setPointerCapture(e.pointerId);
      e.preventDefault();
      renderAll();
    } else if (target && target.dataset.role === 'shape' && !state.drawing) {
      state.selected = { kind: target.dataset.kind, index: Number(target.dataset.index) };
      state.vertex = null;
      renderAll();
    }
  });
  svg.addEventListener('pointermove', (e) => {
    if (!state.dragging || !state.selected) return;
    const shape = selectedShape();
    setPoint(state.selected.kind, shape, state.vertex, toImage(e));
    state.dragging.moved = true;
    markDirty();
    renderShapes();
  });
  const endDrag = (e) => {
    if (!state.dragging) return;
    state.dragging.ended = Date.now();
    state.lastDrag = state.dragging;
    state.dragging = null;
    if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
    renderAll();
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);
  svg.addEventListener('click', (e) => {
    if (!state.site) return;
    if (state.lastDrag && state.lastDrag.moved && Date.now() - state.lastDrag.ended < 300) return; // the click that ends a drag adds nothing
    if (state.justFinished && Date.now() - state.justFinished < 500) return;
    const target = e.target.closest('[data-role]');
    // The second click of a double-click closes the polygon (the svg is redrawn between the clicks, so the
    // browser's dblclick does not always reach it).
    if (e.detail >= 2 && state.drawing && state.selected && state.selected.kind !== 'lines') {
      state.justFinished = Date.now();
      finishPolygon();
    } else if (state.drawing && state.selected && !(target && target.dataset.role === 'vertex')) {
      addPoint(toImage(e), e);
    } else if (!target && !state.drawing) {
      state.selected = null;
      state.vertex = null;
      renderAll();
    }
  });
  svg.addEventListener('dblclick', (e) => {
    e.preventDefault();
    if (state.drawing && state.selected && state.selected.kind !== 'lines') finishPolygon();
  });
  svg.addEventListener('keydown', (e) => {
    if ((e.key === 'Delete' || e.key === 'Backspace') && state.vertex !== null) {
      e.preventDefault();
      deletePoint();
    } else if (e.key === 'Escape' || e.key === 'Enter') {
      if (state.drawing && state.selected?.kind !== 'lines') finishPolygon();
    }
  });
  const onResize = () => renderShapes();
  window.addEventListener('resize', onResize);

  function addPoint(p, e) {
    const { kind } = state.selected;
    const shape = selectedShape();
    if (kind === 'lines') {
      if (!shape.from) shape.from = p;
      else {
        shape.to = p;
        state.drawing = false;
      }
      state.vertex = shape.to ? 1 : 0;
    } else {
      const pts = shape.polygon;
      const last = state.vertex !== null && state.vertex < pts.length ? pts[state.vertex] : pts[pts.length - 1];
      // The second click of a double-click lands on the point the first one added.
      if (last && e) {
        const rect = svg.getBoundingClientRect();
        const px = (Math.hypot(last[0] - p[0], last[1] - p[1]) * rect.width) / state.width;
        if (px < 5) return;
      }
      const at = state.vertex !== null && state.vertex < pts.length ? state.vertex + 1 : pts.length;
      pts.splice(at, 0, p);
      state.vertex = at;
    }
    markDirty();
    renderAll();
  }

  function finishPolygon() {
    const shape = selectedShape();
    if (!shape || shape.polygon.length < 3) {
      showMessage(t('editor.tooFew'), true);
      return;
    }
    state.drawing = false;
    state.vertex = null;
    renderAll();
  }

  function deletePoint() {
    const shape = selectedShape();
    if (!shape || state.vertex === null) return;
    if (state.selected.kind === 'lines') {
      if (state.vertex === 0) {
        shape.from = shape.to;
        shape.to = null;
      } else shape.to = null;
      if (!shape.from) shape.to = null;
      state.drawing = true;
      state.vertex = null;
    } else {
      shape.polygon.splice(state.vertex, 1);
      state.vertex = shape.polygon.length ? Math.min(state.vertex, shape.polygon.length - 1) : null;
    }
    markDirty();
    renderAll();
  }

  function selectedShape() {
    return state.selected ? state.site[state.selected.kind][state.selected.index] : null;
  }

  // ---- the side panel ----
  function renderAll() {
    renderShapes();
    renderLists();
    renderTools();
  }

  function renderLists() {
    clear(shapeLists);
    for (const kind of KINDS) {
      const items = state.site[kind].map((shape, index) => {
        const selected = state.selected && state.selected.kind === kind && state.selected.index === index;
        const button = h('button', { type: 'button', class: 'shape-item shape-item-' + kind + (selected ? ' selected' : ''), 'aria-pressed': String(!!selected), dataset: { testid: 'editor-shape', kind, id: shape.id } },
          v(shape.id), ' ', h('span', { class: 'hint' }, t('editor.pointCount', { n: pointsOf(kind, shape).length })));
        button.addEventListener('click', () => {
          if (state.drawing && !selected) finishOrDrop();
          state.selected = { kind, index };
          state.vertex = null;
          renderAll();
        });
        return h('li', null, button);
      });
      const idInput = h('input', { type: 'text', class: 'new-id', maxlength: '64', placeholder: t('editor.newId'), 'aria-label': t('editor.newId'), pattern: '[A-Za-z0-9_\\-]{1,64}', dataset: { testid: 'editor-new-id-' + kind } });
      const add = h('button', { type: 'submit', class: 'btn btn-small', dataset: { testid: 'editor-add-' + kind } }, t(KIND_NEW[kind]));
      const form = h('form', { class: 'new-shape' }, idInput, add);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const id = idInput.value.trim();
        if (!ID.test(id) || state.site[kind].some((s) => s.id === id)) {
          showMessage(t('editor.badId'), true);
          idInput.focus();
          return;
        }
        if (state.drawing) finishOrDrop();
        state.site[kind].push(kind === 'lines' ? { id, from: null, to: null } : { id, polygon: [] });
        state.selected = { kind, index: state.site[kind].length - 1 };
        state.vertex = null;
        state.drawing = true;
        clear(message);
        markDirty();
        renderAll();
        renderRules();
        svg.focus();
      });
      shapeLists.append(h('div', { class: 'shape-group group-' + kind },
        h('h3', null, t(KIND_LABEL[kind])), h('ul', { class: 'shape-list' }, items), form));
    }
  }

  /** Leaving a shape that is being drawn: a polygon with fewer than 3 points, or a line without both ends, is dropped. */
  function finishOrDrop() {
    const shape = selectedShape();
    state.drawing = false;
    if (!shape) return;
    const complete = state.selected.kind === 'lines' ? shape.from && shape.to : shape.polygon.length >= 3;
    if (!complete) {
      state.site[state.selected.kind].splice(state.selected.index, 1);
      state.selected = null;
    }
  }

  function renderTools() {
    clear(tools);
    const shape = selectedShape();
    if (!shape) {
      tools.append(h('p', { class: 'hint' }, t('editor.nothingSelected')));
      return;
    }
    const kind = state.selected.kind;
    tools.append(h('p', { class: 'selected-line' }, t('editor.selected'), ' ', h('strong', null, t(KIND_LABEL[kind])), ' ', v(shape.id)));
    if (state.drawing) tools.append(h('p', { class: 'hint drawing' }, t('editor.drawing')));
    const button = (label, testid, action, disabled) => {
      const b = h('button', { type: 'button', class: 'btn btn-small', disabled: !!disabled, dataset: { testid } }, t(label));
      b.addEventListener('click', action);
      return b;
    };
    const row = h('div', { class: 'tool-row' });
    if (kind !== 'lines') {
      if (state.drawing) row.append(button('editor.close', 'editor-close', finishPolygon, shape.polygon.length < 3));
      else row.append(button('editor.addPoints', 'editor-add-points', () => { state.drawing = true; renderAll(); svg.focus(); }));
    } else {
      row.append(button('editor.swap', 'editor-swap', () => {
        [shape.from, shape.to] = [shape.to, shape.from];
        markDirty();
        renderAll();
      }, !(shape.from && shape.to)));
    }
    row.append(button('editor.deletePoint', 'editor-delete-point', deletePoint, state.vertex === null));
    row.append(button('editor.deleteShape', 'editor-delete-shape', () => {
      state.site[kind].splice(state.selected.index, 1);
      state.selected = null;
      state.vertex = null;
      state.drawing = false;
      markDirty();
      renderAll();
      renderRules();
    }));
    tools.append(row);
  }

  // ---- rule parameters ----
  function renderRules() {
    clear(rulesForm);
    if (state.site.rules.length === 0) {
      rulesForm.append(h('p', { class: 'hint' }, t('editor.noRules')));
      return;
    }
    for (const rule of state.site.rules) {
      const fields = Object.keys(rule.parameters).map((key) => paramField(rule, key));
      rulesForm.append(h('fieldset', { class: 'rule-params', dataset: { rule: rule.id } },
        h('legend', null, v(rule.id), ' · ', term('type', rule.type)), fields));
    }
  }

  function paramField(rule, key) {
    const value = rule.parameters[key];
    const label = h('span', { class: 'param-label' }, has('param.' + key) ? t('param.' + key) : [t('param.other'), ' ', v(key)]);
    const testid = `param-${rule.id}-${key}`;
    const set = (x) => {
      rule.parameters[key] = x;
      markDirty();
    };
    let input;
    if (typeof value === 'boolean') {
      input = h('input', { type: 'checkbox', dataset: { testid } });
      input.checked = value;
      input.addEventListener('change', () => set(input.checked));
      return h('label', { class: 'param param-bool' }, input, label);
    }
    if (typeof value === 'number') {
      input = h('input', { type: 'number', step: 'any', value: String(value), dataset: { testid } });
      input.addEventListener('input', () => {
        const n = input.valueAsNumber;
        input.classList.toggle('invalid', Number.isNaN(n));
        if (!Number.isNaN(n)) set(n);
      });
      input.dataset.param = key;
    } else if (typeof value === 'string' && key === 'severity') {
      input = choice(SEVERITIES.map((s) => [s, termText('severity', s), false]), value, testid, set);
    } else if (typeof value === 'string' && key === 'direction') {
      input = choice(DIRECTIONS.map((d) => [d, termText('direction', d), false]), value, testid, set);
    } else if (typeof value === 'string' && (key === 'zone' || key === 'line')) {
      const kind = key === 'zone' ? 'zones' : 'lines';
      const ids = state.site[kind].map((s) => s.id);
      if (!ids.includes(value)) ids.unshift(value);
      input = choice(ids.map((id) => [id, id, true]), value, testid, set);
    } else if (typeof value === 'string') {
      input = h('input', { type: 'text', value, 'data-v': true, dataset: { testid } });
      input.addEventListener('input', () => set(input.value));
    } else {
      // Lists and objects (classes, schedule, calibration) as JSON.
      input = h('textarea', { rows: '2', spellcheck: 'false', 'data-v': true, dataset: { testid, json: key } });
      input.value = JSON.stringify(value);
      input.addEventListener('input', () => {
        try {
          set(JSON.parse(input.value));
          input.classList.remove('invalid');
        } catch {
          input.classList.add('invalid');
        }
        toggleInvalid(rule, key, input.classList.contains('invalid'));
      });
    }
    if (input.type === 'number') {
      input.addEventListener('input', () => toggleInvalid(rule, key, input.classList.contains('invalid')));
    }
    return h('label', { class: 'param' }, label, input);
  }

  function toggleInvalid(rule, key, invalid) {
    rule.invalid = rule.invalid || new Set();
    if (invalid) rule.invalid.add(key);
    else rule.invalid.delete(key);
  }

  // ---- save ----
  save.addEventListener('click', async () => {
    if (!state.site) return;
    if (state.drawing) finishOrDrop();
    for (const kind of ['zones', 'masks']) {
      if (state.site[kind].some((s) => s.polygon.length < 3)) {
        showMessage(t('editor.tooFew'), true);
        renderAll();
        return;
      }
    }
    for (const rule of state.site.rules) {
      const bad = rule.invalid && [...rule.invalid][0];
      if (bad) {
        const number = typeof rule.parameters[bad] === 'number';
        showMessage(t(number ? 'editor.badNumber' : 'editor.badJson', { name: termText('param', bad) }), true);
        return;
      }
    }
    const payload = {
      camera: state.site.camera,
      zones: state.site.zones.map((z) => ({ id: z.id, polygon: z.polygon })),
      lines: state.site.lines.filter((l) => l.from && l.to).map((l) => ({ id: l.id, from: l.from, to: l.to })),
      masks: state.site.masks.map((m) => ({ id: m.id, polygon: m.polygon })),
      rules: state.site.rules.map((r) => ({ id: r.id, type: r.type, parameters: r.parameters })),
    };
    save.disabled = true;
    message.className = 'editor-message';
    message.textContent = t('editor.saving');
    try {
      const answer = await put('/api/site/cameras/' + enc(cameraId), payload);
      state.dirty = false;
      await load();
      message.className = 'editor-message ok';
      message.dataset.result = 'saved';
      message.replaceChildren(t('editor.saved'), ' ', v(answer && answer.summary ? answer.summary : ''));
    } catch (error) {
      showError(error);
    } finally {
      save.disabled = !state.site?.editable;
    }
  });
  discard.addEventListener('click', () => load());

  function showMessage(text, isError) {
    message.className = 'editor-message' + (isError ? ' error' : '');
    message.dataset.result = isError ? 'error' : '';
    message.replaceChildren(text);
  }

  function showError(error) {
    message.className = 'editor-message error';
    message.dataset.result = 'error';
    if (error instanceof ApiError && error.serverMessage && error.status !== 0) {
      message.replaceChildren(t('editor.refused'), ' ', v(error.serverMessage));
    } else {
      message.replaceChildren(t('editor.refused'), ' ', errorNode(error));
    }
  }

  load();

  return {
    camera: cameraId,
    dirty: () => state.dirty,
    destroy() {
      window.removeEventListener('resize', onResize);
      img.removeAttribute('src');
    },
  };
}

function point(p) {
  return Array.isArray(p) && p.length >= 2 ? [Number(p[0]), Number(p[1])] : null;
}

function pointsOf(kind, shape) {
  if (kind === 'lines') return [shape.from, shape.to].filter(Boolean);
  return shape.polygon;
}

function setPoint(kind, shape, vi, p) {
  if (kind === 'lines') {
    if (vi === 0) shape.from = p;
    else shape.to = p;
  } else shape.polygon[vi] = p;
}

function centroid(pts) {
  let x = 0;
  let y = 0;
  for (const p of pts) {
    x += p[0];
    y += p[1];
  }
  return [x / pts.length, y / pts.length];
}

function clamp(x, lo, hi) {
  return Math.min(hi, Math.max(lo, x));
}

function choice(options, value, testid, set) {
  const select = h('select', { dataset: { testid } },
    options.map(([val, label, isData]) => h('option', { value: val, 'data-v': isData || null }, label)));
  select.value = value;
  select.addEventListener('change', () => set(select.value));
  return select;
}
