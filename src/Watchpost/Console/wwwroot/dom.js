// Building the page from elements only: data never goes through innerHTML, so a note with <script> stays text.

/**
 * h('button', {class: 'x', dataset: {testid: 'ack'}, onclick: fn}, 'text', child...)
 * Attributes whose value is null, undefined or false are left out; children may be strings, nodes or arrays.
 */
export function h(tag, attrs, ...children) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) {
          if (v !== null && v !== undefined) node.dataset[k] = String(v);
        }
      } else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else if (key === 'text') {
        node.textContent = String(value);
      } else if (key === 'value' && 'value' in node && !(node instanceof SVGElement)) {
        node.value = String(value);
      } else if (value === true) {
        node.setAttribute(key, '');
      } else {
        node.setAttribute(key, String(value));
      }
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** A span holding data from the site or the events (ids, names, notes): marked data-v so the language test skips it. */
export function v(value, attrs) {
  return h('span', { ...attrs, 'data-v': true }, value === null || value === undefined ? '' : String(value));
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Sets the text of a data element, keeping its data-v mark. */
export function setData(node, value) {
  node.setAttribute('data-v', '');
  node.textContent = value === null || value === undefined ? '' : String(value);
}
