// Renders /openapi.json as a page: our own few lines instead of a bundled renderer (Swagger UI, Redoc),
// so the jar stays small and offline and the page follows the console's accessible styles.
'use strict';

/* global el */ // dom.js
const node = el;

function schemaLink(schema) {
  if (!schema) return node('span', {}, '–');
  const ref = schema.$ref || (schema.oneOf && schema.oneOf.map((s) => s.$ref).filter(Boolean).join(' | '));
  if (ref) {
    return node('span', {}, ...ref.split(' | ').flatMap((r, i) => {
      const [file, pointer] = r.split('#');
      const a = node('a', { href: '/' + file }, file.replace('schemas/', '') + (pointer ? '#' + pointer : ''));
      return i ? [' | ', a] : [a];
    }));
  }
  return node('code', {}, JSON.stringify(schema));
}

(async () => {
  const doc = await (await fetch('/openapi.json')).json();
  document.getElementById('intro').textContent = doc.info.title + ' — OpenAPI ' + doc.openapi + '. ' + doc.info.description;
  const toc = document.getElementById('toc');
  const ops = document.getElementById('ops');
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const id = 'op-' + op.operationId;
      toc.append(node('li', {}, node('a', { href: '#' + id }, method.toUpperCase() + ' ' + path), ' — ' + (op.summary || '')));
      const card = node('section', { class: 'card', id, 'aria-labelledby': id + '-h' },
        node('h2', { id: id + '-h' }, node('code', {}, method.toUpperCase() + ' ' + path)),
        node('p', {}, op.summary || ''));
      if (op.description) card.append(node('p', { class: 'muted' }, op.description));
      card.append(node('p', { class: 'small' }, op.security && op.security.length === 0 ? 'No key needed.'
        : 'Needs UNIFIED_API_KEY (Bearer or X-API-Key) when the gateway has one.'));
      if (op.parameters && op.parameters.length) {
        card.append(node('h3', {}, 'Parameters'), node('ul', {}, ...op.parameters.map((p) =>
          node('li', {}, node('code', {}, p.name), ' (' + p.in + (p.required ? ', required' : '') + ')'
            + (p.description ? ': ' + p.description : '')))));
      }
      if (op.requestBody) {
        const media = Object.entries(op.requestBody.content)[0];
        card.append(node('h3', {}, 'Body'), node('p', {}, media[0] + ': ', schemaLink(media[1].schema)));
      }
      const rows = Object.entries(op.responses).map(([status, r]) => {
        const media = r.content ? Object.entries(r.content)[0] : null;
        return node('tr', {}, node('th', { scope: 'row' }, status), node('td', {}, r.description || ''),
          node('td', {}, media ? node('span', {}, media[0] + ' ', schemaLink(media[1].schema)) : '–'));
      });
      card.append(node('h3', {}, 'Responses'), node('div', { class: 'table-wrap' }, node('table', { class: 'table' },
        node('thead', {}, node('tr', {}, node('th', { scope: 'col' }, 'status'), node('th', { scope: 'col' }, 'when'),
          node('th', { scope: 'col' }, 'body'))), node('tbody', {}, ...rows))));
      ops.append(card);
    }
  }
})();
