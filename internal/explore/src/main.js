// The explorer page: find an actor, grow the drawing by clicking, filter
// it, draw a shortest path, read a relation's evidence, export what is
// drawn. Every request goes to the page's own origin.
import * as api from './api.js';
import { Drawing } from './drawing.js';
import { renderEvidence } from './evidence.js';
import { Filter, FIRST_MONTH, lastMonth, monthValue } from './filter.js';
import { kindStyle, shapeIcon } from './style.js';

const $ = (sel) => document.querySelector(sel);
const EXPAND_LIMIT = 50; // new entities per click; clicking again brings more

const drawing = new Drawing($('#canvas'), $('#badges'));
const details = $('#details');
let vocab;
window.kgqlExplorer = { drawing, cy: drawing.cy };

// act runs one thing the user asked, counting it busy and showing its
// failure in the status line, never as an uncaught error.
async function act(what, fn) {
  busy(1);
  status(what + '…');
  try {
    const said = await fn();
    status(said || '');
  } catch (err) {
    status(`${what}: ${err.message}${err.code ? ` (${err.code})` : ''}`, true);
  } finally {
    busy(-1);
    counts();
  }
}

// busy counts what is under way on <body data-busy>, so that a person sees
// the page working and a test can wait until it is idle.
function busy(delta) {
  document.body.dataset.busy = String(Number(document.body.dataset.busy) + delta);
}

function status(text, error = false) {
  const line = $('#status');
  line.textContent = text;
  line.classList.toggle('error', error);
}

function counts() {
  const nodes = drawing.cy.nodes().length;
  const shown = drawing.cy.edges(':visible').length;
  const hidden = drawing.cy.edges().length - shown;
  $('#counts').textContent = `${nodes} entities, ${shown} relations drawn` + (hidden ? `, ${hidden} hidden by the filter` : '');
  $('#hint').hidden = nodes > 0;
  const list = $('#drawn');
  list.replaceChildren(...drawing.cy.nodes().map((n) => {
    const o = document.createElement('option');
    o.value = n.id();
    o.label = n.data('name');
    return o;
  }));
}

// The filter, read from the sidebar.
function currentFilter() {
  const checked = (sel) => new Set([...document.querySelectorAll(sel + ' input:checked')].map((i) => i.value));
  return new Filter({
    types: checked('#types'),
    statuses: checked('#statuses'),
    at: $('#at-on').checked ? Number($('#at').value) : null,
    allTypes: vocab.types.map((t) => t.name).filter((t) => t !== 'MENTIONS'),
    allStatuses: vocab.statuses.map((s) => s.name),
  });
}

function checkbox(name, description, checked) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.value = name;
  input.checked = checked;
  const label = document.createElement('label');
  label.title = description || '';
  label.append(input, ' ' + name);
  return label;
}

async function start() {
  vocab = await api.vocabulary();
  $('#types').append(...vocab.types.map((t) => checkbox(t.name, t.description, t.name !== 'MENTIONS')));
  $('#statuses').append(...vocab.statuses.map((s) => checkbox(s.name, s.description, true)));
  $('#legend').replaceChildren(...vocab.kinds.map((k) => {
    const li = document.createElement('li');
    li.title = k.description || '';
    li.innerHTML = shapeIcon(k.name);
    li.append(' ' + k.name.toLowerCase());
    return li;
  }));
  const at = $('#at');
  at.min = FIRST_MONTH;
  at.max = lastMonth();
  const now = new Date();
  at.value = now.getFullYear() * 12 + now.getMonth();
  $('#at-value').textContent = monthValue(Number(at.value));
  drawing.applyFilter(currentFilter());
  wire();
  counts();
}

function wire() {
  $('#search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = $('#search-text').value.trim();
    act(`Finding "${text}"`, async () => {
      const hits = await api.search(text);
      showHits(hits);
      return hits.length ? `${hits.length} found for "${text}"` : `nothing found for "${text}"`;
    });
  });
  document.addEventListener('click', (ev) => {
    if (!ev.target.closest('#search')) $('#search-results').hidden = true;
  });

  drawing.cy.on('tap', 'node', (ev) => {
    const id = ev.target.id();
    showEntity(id);
    act(`Expanding ${ev.target.data('name')}`, () => expand(id));
  });
  drawing.cy.on('tap', 'edge', (ev) => {
    const id = ev.target.id();
    act('Reading the evidence', async () => {
      const rel = await api.evidence(id);
      if (!rel) throw new Error(`no relation ${id}`);
      renderEvidence(details, rel);
    });
  });

  $('#path').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const from = $('#path-from').value.trim();
    const to = $('#path-to').value.trim();
    act(`Finding a path from ${from} to ${to}`, () => drawPath(from, to));
  });

  let pending;
  const onFilter = () => {
    $('#at').disabled = !$('#at-on').checked;
    $('#at-value').textContent = monthValue(Number($('#at').value));
    const filter = currentFilter();
    if (!filter.types.size || !filter.statuses.size) {
      status('Choose at least one relation type and one status.', true);
      return;
    }
    drawing.applyFilter(filter);
    drawing.refreshBadges();
    counts();
    // Wait for the slider to rest before asking kgql; the page counts as
    // busy meanwhile.
    if (pending) clearTimeout(pending);
    else busy(1);
    pending = setTimeout(() => {
      pending = null;
      act('Applying the filter', refilter).finally(() => busy(-1));
    }, 200);
  };
  for (const sel of ['#types', '#statuses', '#time']) $(sel).addEventListener('input', onFilter);

  $('#export').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const format = $('#export-format').value;
    act(`Exporting as ${format}`, async () => {
      const ids = drawing.visibleIds();
      if (!ids.length) throw new Error('the drawing is empty');
      const { blob, name } = await api.exportDrawing(format, ids);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
      return `exported ${name}`;
    });
  });
  $('#relayout').addEventListener('click', () => {
    drawing.cy.layout({ name: 'cose', animate: false, fit: true, padding: 40, randomize: false }).run();
  });
  $('#clear').addEventListener('click', () => {
    drawing.clear();
    details.replaceChildren(Object.assign(document.createElement('p'), { className: 'placeholder', textContent: 'Click an entity or a relation.' }));
    counts();
  });
}

function showHits(hits) {
  const list = $('#search-results');
  list.replaceChildren(...hits.map((hit) => {
    const e = hit.entity;
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.id = e.id;
    button.innerHTML = shapeIcon(e.kind);
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = e.name;
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = e.kind.toLowerCase();
    button.append(name, kind);
    if (hit.field !== 'NAME') {
      const m = document.createElement('span');
      m.className = 'matched';
      m.textContent = hit.matched;
      button.append(m);
    }
    button.addEventListener('click', () => {
      list.hidden = true;
      act(`Drawing ${e.name}`, () => addEntity(e));
    });
    const li = document.createElement('li');
    li.append(button);
    return li;
  }));
  list.hidden = hits.length === 0;
}

// addEntity draws one entity with its relations to the drawing.
async function addEntity(entity) {
  if (!drawing.has(entity.id)) {
    const ids = drawing.entityIds();
    const filter = drawing.filter.graphql();
    const found = await api.between([entity.id], [...ids, entity.id], filter);
    drawing.add(found.nodes, found.edges, drawing.nearNeighbours(found.edges));
  }
  drawing.cy.$(':selected').unselect();
  drawing.cy.getElementById(entity.id).select();
  await drawing.reveal([entity.id]);
  showEntity(entity.id);
  return `${entity.name} drawn: click it to expand`;
}

async function expand(id) {
  const x = await api.expand(id, drawing.entityIds(), drawing.filter.graphql(), EXPAND_LIMIT);
  const entities = [...x.expanded, ...x.nodes].map((n) => ({ ...n.entity, degree: n.degree }));
  const fresh = drawing.add(entities, x.edges, drawing.around(id));
  await drawing.reveal(fresh);
  showEntity(id);
  const name = drawing.cy.getElementById(id).data('name');
  if (x.truncated) return `${name}: ${fresh.length} new entities, more to come: click again`;
  return fresh.length ? `${name}: ${fresh.length} new entities` : `${name}: nothing new under the filter`;
}

async function drawPath(from, to) {
  const filter = drawing.filter.graphql();
  const result = await api.shortestPath(from, to, filter);
  if (!result.path) {
    return `no route of at most 6 steps under the filter${result.truncated ? ' (the search was cut short)' : ''}`;
  }
  const ids = result.path.nodes.map((n) => n.id);
  const found = await api.between(ids, [...new Set([...drawing.entityIds(), ...ids])], filter);
  drawing.add(result.path.nodes, [...result.path.relations, ...found.edges], drawing.alongPath(ids));
  drawing.add(found.nodes, [], () => {});
  drawing.markPath(ids, result.path.relations.map((r) => r.id));
  await drawing.reveal(ids);
  const names = result.path.nodes.map((n) => n.name).join(' → ');
  return `a path of ${ids.length - 1} steps: ${names}`;
}

// refilter makes the drawing hold what the new filter admits between its
// entities, and their degrees under it.
async function refilter() {
  const ids = drawing.entityIds();
  if (!ids.length) return 'filter: ' + drawing.filter.describe();
  const found = await api.between(ids, ids, drawing.filter.graphql());
  drawing.add(found.nodes, found.edges, () => {});
  return 'filter: ' + drawing.filter.describe();
}

function showEntity(id) {
  const node = drawing.cy.getElementById(id);
  if (node.empty()) return;
  const d = node.data();
  const h = (tag, text, cls) => Object.assign(document.createElement(tag), { textContent: text, className: cls || '' });
  const kind = h('p', d.kind.toLowerCase(), 'kind');
  kind.insertAdjacentHTML('afterbegin', shapeIcon(d.kind) + ' ');
  kind.style.color = kindStyle(d.kind).color;
  const facts = document.createElement('dl');
  facts.className = 'qualifiers';
  const hidden = drawing.hidden(node);
  for (const [k, v] of [['id', d.id], ['aliases', (d.aliases || []).join(', ')], ['relations', d.degree], ['not drawn', hidden]]) {
    if (v === '' || v === undefined) continue;
    facts.append(h('dt', k), h('dd', String(v)));
  }
  const buttons = document.createElement('p');
  buttons.className = 'actions';
  const button = (text, fn) => {
    const b = h('button', text);
    b.type = 'button';
    b.addEventListener('click', fn);
    buttons.append(b);
  };
  button('Path from here', () => { $('#path-from').value = id; });
  button('Path to here', () => { $('#path-to').value = id; });
  button('Remove', () => {
    node.remove();
    drawing.refreshBadges();
    details.replaceChildren();
    counts();
  });
  delete details.dataset.relation;
  details.replaceChildren(h('h2', d.name), kind, facts, buttons);
}

start().catch((err) => status('The explorer could not start: ' + err.message, true));
