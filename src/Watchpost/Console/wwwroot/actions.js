// The operator's actions on an event (acknowledge, note, assign, resolve), as on the alert cards and the detail page.
// Each POST goes to the same IEventOperations service as the MQTT commands; the answer is the event after.

import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { post, enc } from './api.js';
import { errorNode } from './ui.js';

/**
 * Builds the action bar for an event. ctx: {session, guards: [{name, role}], onEvent(view)}.
 * Returns {node, update(event)}; update keeps what the guard is typing.
 */
export function actionBar(event, ctx) {
  let current = event;
  const message = h('div', { class: 'action-message', role: 'status' });

  const run = async (button, path, body) => {
    button.disabled = true;
    clear(message);
    message.classList.remove('error');
    try {
      const after = await post(`/api/events/${enc(current.id)}/${path}`, body);
      if (after && after.id) {
        current = after;
        ctx.onEvent(after);
      }
      message.textContent = t('action.done');
      setTimeout(() => {
        if (message.textContent === t('action.done')) clear(message);
      }, 2000);
      return true;
    } catch (error) {
      message.classList.add('error');
      message.appendChild(errorNode(error));
      return false;
    } finally {
      button.disabled = false;
      update(current, true);
    }
  };

  const ack = h('button', { type: 'button', class: 'btn btn-ack', dataset: { testid: 'ack' } }, t('action.ack'));
  ack.addEventListener('click', () => run(ack, 'ack', {}));

  const noteInput = h('input', {
    type: 'text', class: 'note-input', maxlength: '2000', placeholder: t('action.notePlaceholder'),
    'aria-label': t('action.noteLabel'), dataset: { testid: 'note-input' },
  });
  const noteSave = h('button', { type: 'button', class: 'btn', dataset: { testid: 'note-save' } }, t('action.noteSave'));
  const noteForm = h('form', { class: 'note-form', hidden: true }, noteInput, noteSave);
  const submitNote = async () => {
    const text = noteInput.value.trim();
    if (!text) {
      clear(message).appendChild(h('span', null, t('action.noteEmpty')));
      noteInput.focus();
      return;
    }
    if (await run(noteSave, 'note', { note: text })) {
      noteInput.value = '';
      noteForm.hidden = true;
    }
  };
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    submitNote();
  });
  noteSave.type = 'submit';
  const note = h('button', { type: 'button', class: 'btn', dataset: { testid: 'note' }, 'aria-expanded': 'false' }, t('action.note'));
  note.addEventListener('click', () => {
    noteForm.hidden = !noteForm.hidden;
    note.setAttribute('aria-expanded', String(!noteForm.hidden));
    if (!noteForm.hidden) noteInput.focus();
  });

  const assign = h('select', { class: 'assign-select', 'aria-label': t('action.assignLabel'), dataset: { testid: 'assign' } });
  fillGuards(assign, ctx.guards || [], current.assignedTo);
  assign.addEventListener('change', () => {
    const guard = assign.value;
    if (guard) run(assign, 'assign', { guard });
  });

  const resolve = h('button', { type: 'button', class: 'btn btn-resolve', dataset: { testid: 'resolve' } }, t('action.resolve'));
  resolve.addEventListener('click', () => run(resolve, 'resolve', {}));

  const node = h('div', { class: 'actions' }, h('div', { class: 'action-buttons' }, ack, note, assign, resolve), noteForm, message);

  /** Shows the event's state; the guard list is left alone while the guard is choosing in it, unless forced. */
  function update(e, force) {
    current = e;
    ack.hidden = e.state !== 'new';
    resolve.hidden = e.state === 'resolved';
    assign.disabled = e.state === 'resolved';
    if (force || document.activeElement !== assign) fillGuards(assign, ctx.guards || [], e.assignedTo);
  }

  update(event);
  return { node, update, setGuards(guards) { ctx.guards = guards; fillGuards(assign, guards, current.assignedTo); } };
}

function fillGuards(select, guards, assignedTo) {
  const names = guards.map((g) => g.name);
  if (assignedTo && !names.includes(assignedTo)) names.push(assignedTo);
  const wanted = ['', ...names].join('\n');
  if (select.dataset.names !== wanted) {
    clear(select);
    select.appendChild(h('option', { value: '' }, t('action.assignChoose')));
    for (const name of names) {
      // A user name is data.
      select.appendChild(h('option', { value: name, 'data-v': true }, name));
    }
    select.dataset.names = wanted;
  }
  select.value = assignedTo || '';
}

