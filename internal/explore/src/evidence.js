// The evidence panel: a relation with every statement of it, each as the
// document's title, its date, who said it, and the sentence highlighted
// in its paragraph of the document's text (start and end count Unicode
// code points, as kgql's offsets do).

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// paragraph returns the text of the line around [start, end) of text,
// cut in three: before the excerpt, the excerpt, after it.
export function paragraph(text, start, end) {
  const chars = Array.from(text);
  let from = start;
  while (from > 0 && chars[from - 1] !== '\n') from--;
  let to = end;
  while (to < chars.length && chars[to] !== '\n') to++;
  return {
    before: chars.slice(from, start).join(''),
    excerpt: chars.slice(start, end).join(''),
    after: chars.slice(end, to).join(''),
  };
}

function qualifiers(rel) {
  const rows = [
    ['status', rel.status],
    ['role', rel.role],
    ['valid from', rel.validFrom && rel.validFrom.value],
    ['valid to', rel.validTo && rel.validTo.value],
    ['point in time', rel.pointInTime && rel.pointInTime.value],
    ['amount', rel.amount && rel.amount.text],
    ['count', rel.count && rel.count.text],
    ['rank', rel.rank],
    ['previous rank', rel.previousRank],
    ['counterpart', rel.counterpart && rel.counterpart.name],
    ['note', rel.note],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return el('dl', { class: 'qualifiers' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
}

export function renderEvidence(panel, rel) {
  panel.dataset.relation = rel.id;
  panel.replaceChildren(
    el('h2', {}, 'Relation'),
    el('p', { class: 'fact' }, el('strong', {}, rel.from.name), ' ', el('code', {}, rel.type), ' ', el('strong', {}, rel.to.name)),
    qualifiers(rel),
    el('h3', {}, rel.evidence.length === 1 ? 'Evidence' : `Evidence (${rel.evidence.length} statements)`),
    ...rel.evidence.map((ev) => {
      const doc = ev.document;
      const text = doc.text || '';
      const cut = paragraph(text, ev.start, ev.end);
      const title = doc.url ? el('a', { href: doc.url, rel: 'noreferrer', target: '_blank' }, doc.title || doc.name) : (doc.title || doc.name);
      return el('article', { class: 'evidence', 'data-document': doc.id },
        el('h4', { class: 'document' }, title),
        el('p', { class: 'meta' }, `Stated ${ev.date.value}`, ev.saidBy ? ` by ${ev.saidBy.name}` : ''),
        el('blockquote', { class: 'paragraph' }, cut.before, el('mark', {}, cut.excerpt), cut.after),
      );
    }),
  );
}
