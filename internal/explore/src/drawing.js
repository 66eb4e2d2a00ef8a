// The drawing: what the canvas holds and where. Entities are nodes with
// their degree under the filter (from kgql); relations are edges. The
// drawing keeps every relation the filter admits between two of its
// entities (so kgql's expand, told what it holds, sends only what is
// new), and hides the drawn relations the filter does not admit. An
// entity's hidden count is its degree less its drawn, admitted relations:
// what clicking it would still bring.
import cytoscape from 'cytoscape';
import { stylesheet } from './style.js';

const SPACING = 170; // between an expanded entity and its new neighbours
const ROOM = 80;
const MAX_FIT_ZOOM = 1.4; // fitting a small drawing enlarges it up to this // the least distance between two entities placed

export class Drawing {
  constructor(container, badgeLayer) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.badgeLayer = badgeLayer;
    this.filter = null;
    this.cy.on('render', () => this.placeBadges());
  }

  has(id) {
    return this.cy.getElementById(id).nonempty();
  }

  entityIds() {
    return this.cy.nodes().map((n) => n.id());
  }

  // visibleIds are the entities and the relations shown: what an export
  // of the drawing holds.
  visibleIds() {
    return [...this.cy.nodes().map((n) => n.id()), ...this.cy.edges(':visible').map((e) => e.id())];
  }

  // add draws entities ({entity fields…, degree}) and relations, placing
  // the new entities with place(newNodes) before they show; it updates
  // the degree of entities already drawn. It returns the new entities' ids.
  add(entities, relations, place) {
    const fresh = [];
    this.cy.batch(() => {
      for (const e of entities) {
        const node = this.cy.getElementById(e.id);
        if (node.nonempty()) {
          if (e.degree !== undefined) node.data('degree', e.degree);
          continue;
        }
        fresh.push(this.cy.add({ group: 'nodes', data: { ...e } }));
      }
      if (fresh.length) place(this.cy.collection(fresh));
      for (const r of relations) {
        if (!this.has(r.id) && this.has(r.source) && this.has(r.target)) {
          this.cy.add({ group: 'edges', data: { ...r } });
        }
      }
      this.applyFilter(this.filter);
    });
    this.refreshBadges();
    return fresh.map((n) => n.id());
  }

  // applyFilter hides the relations the filter does not admit.
  applyFilter(filter) {
    this.filter = filter;
    if (!filter) return;
    this.cy.edges().forEach((e) => {
      e.toggleClass('filtered', !filter.admits(e.data()));
    });
  }

  markPath(nodeIds, relationIds) {
    this.cy.elements().removeClass('path');
    nodeIds.forEach((id) => this.cy.getElementById(id).addClass('path'));
    relationIds.forEach((id) => this.cy.getElementById(id).addClass('path'));
  }

  clear() {
    this.cy.elements().remove();
    this.refreshBadges();
  }

  // hidden is how many of an entity's relations under the filter the
  // drawing does not show.
  hidden(node) {
    const degree = node.data('degree');
    if (degree === undefined) return 0;
    return Math.max(0, degree - node.connectedEdges(':visible').length);
  }

  // refreshBadges writes each entity's hidden count on its badge (absent
  // at 0) and its degree in the badge's title.
  refreshBadges() {
    const keep = new Set();
    this.cy.nodes().forEach((node) => {
      const hidden = this.hidden(node);
      node.data('hidden', hidden);
      if (!hidden) return;
      keep.add(node.id());
      let badge = this.badgeLayer.querySelector(`[data-id="${CSS.escape(node.id())}"]`);
      if (!badge) {
        badge = document.createElement('span');
        badge.className = 'badge';
        badge.dataset.id = node.id();
        this.badgeLayer.append(badge);
      }
      badge.textContent = '+' + hidden;
      badge.title = `${hidden} of ${node.data('degree')} relations not drawn: click to expand`;
    });
    for (const badge of [...this.badgeLayer.children]) {
      if (!keep.has(badge.dataset.id)) badge.remove();
    }
    this.placeBadges();
  }

  placeBadges() {
    for (const badge of this.badgeLayer.children) {
      const node = this.cy.getElementById(badge.dataset.id);
      if (node.empty()) continue;
      const p = node.renderedPosition();
      const r = node.renderedOuterWidth() / 2;
      badge.style.transform = `translate(${Math.round(p.x + r * 0.6)}px, ${Math.round(p.y - r - 6)}px)`;
    }
  }

  // around places new nodes on rings around the centre, on the side away
  // from the rest of the drawing, so nothing drawn moves.
  around(centreId) {
    return (nodes) => {
      const centre = this.cy.getElementById(centreId).position();
      const others = this.cy.nodes().difference(nodes);
      const away = this.awayFrom(centre, others);
      // Alone, or nearly: all around; else a fan that widens with the number.
      const spread = others.length <= 2 ? 2 * Math.PI : Math.min(2 * Math.PI, Math.max((2 * Math.PI) / 3, nodes.length * 0.6));
      const perRing = Math.max(1, Math.floor((spread * SPACING) / ROOM));
      nodes.forEach((node, i) => {
        const ring = Math.floor(i / perRing);
        const inRing = Math.min(perRing, nodes.length - ring * perRing);
        const k = i % perRing;
        const angle = spread >= 2 * Math.PI
          ? away + (2 * Math.PI * k) / inRing
          : away - spread / 2 + (inRing === 1 ? spread / 2 : (spread * k) / (inRing - 1));
        const radius = SPACING * (1 + ring * 0.7);
        node.position(this.free({ x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) }, node));
      });
    };
  }

  // awayFrom is the direction from the middle of some entities to a point
  // (0 when they are too few to say).
  awayFrom(p, nodes) {
    if (nodes.length < 2) return 0;
    const bb = nodes.boundingBox();
    const dx = p.x - (bb.x1 + bb.x2) / 2;
    const dy = p.y - (bb.y1 + bb.y2) / 2;
    return Math.hypot(dx, dy) > 1 ? Math.atan2(dy, dx) : 0;
  }

  // alongPath places a path's new entities between their drawn
  // neighbours on the path, or in a row from the last drawn one.
  alongPath(ids) {
    return (nodes) => {
      const fresh = new Set(nodes.map((n) => n.id()));
      const pos = ids.map((id) => (fresh.has(id) ? null : this.cy.getElementById(id).position()));
      if (pos.every((p) => p === null)) {
        const start = this.freeStart();
        ids.forEach((_, i) => { pos[i] = { x: start.x + i * SPACING * 1.4, y: start.y + (i % 2) * 40 }; });
      } else {
        for (let i = 0; i < ids.length; i++) {
          if (pos[i]) continue;
          let j = i;
          while (j < ids.length && !pos[j]) j++;
          const before = i > 0 ? pos[i - 1] : null;
          const after = j < ids.length ? pos[j] : null;
          for (let k = i; k < j; k++) {
            if (before && after) {
              const t = (k - i + 1) / (j - i + 1);
              pos[k] = { x: before.x + (after.x - before.x) * t, y: before.y + (after.y - before.y) * t + SPACING / 3 };
            } else {
              // A run at an end of the path: a row leading away from the drawing.
              const from = before || after;
              const step = before ? k - i + 1 : j - k;
              const angle = this.awayFrom(from, this.cy.nodes().difference(nodes));
              pos[k] = { x: from.x + step * SPACING * Math.cos(angle), y: from.y + step * SPACING * Math.sin(angle) };
            }
          }
          i = j;
        }
      }
      nodes.forEach((node) => node.position(this.free(pos[ids.indexOf(node.id())], node)));
    };
  }

  // nearNeighbours places an entity found by search beside its drawn
  // neighbours (relations are added after: read them from relations), or
  // in free space.
  nearNeighbours(relations) {
    return (nodes) => {
      nodes.forEach((node) => {
        const ends = relations.flatMap((r) => (r.source === node.id() ? [r.target] : r.target === node.id() ? [r.source] : []))
          .map((id) => this.cy.getElementById(id)).filter((n) => n.nonempty() && !nodes.contains(n));
        let p;
        if (ends.length) {
          p = { x: ends.reduce((s, n) => s + n.position('x'), 0) / ends.length, y: ends.reduce((s, n) => s + n.position('y'), 0) / ends.length + SPACING };
        } else {
          p = this.freeStart();
        }
        node.position(this.free(p, node));
      });
    };
  }

  // freeStart is a point beside the drawing, or the centre of the view.
  freeStart() {
    const drawn = this.cy.nodes().filter((n) => n.data('placed'));
    if (drawn.empty()) {
      const ext = this.cy.extent();
      return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
    }
    const bb = drawn.boundingBox();
    return { x: bb.x1, y: bb.y2 + SPACING };
  }

  // free nudges a point outwards until no placed entity is near it.
  free(p, node) {
    const placed = this.cy.nodes().filter((n) => n.data('placed') && n !== node);
    let q = { ...p };
    for (let tries = 0; tries < 24; tries++) {
      if (!placed.some((n) => Math.hypot(n.position('x') - q.x, n.position('y') - q.y) < ROOM)) break;
      const angle = tries * 2.4;
      q = { x: p.x + (30 + tries * 15) * Math.cos(angle), y: p.y + (30 + tries * 15) * Math.sin(angle) };
    }
    node.data('placed', true);
    return q;
  }

  // reveal fits the view to the drawing when an entity lies outside it or
  // the drawing fills little of it; the animation ends before it returns.
  async reveal(ids) {
    const ext = this.cy.extent();
    const outside = ids.some((id) => {
      const p = this.cy.getElementById(id).position();
      return p.x < ext.x1 + 30 || p.x > ext.x2 - 30 || p.y < ext.y1 + 30 || p.y > ext.y2 - 30;
    });
    const bb = this.cy.nodes().renderedBoundingBox();
    const small = bb.w < this.cy.width() / 2 && bb.h < this.cy.height() / 2 && this.cy.zoom() < MAX_FIT_ZOOM;
    if (!outside && !small) return;
    const zoom = Math.min(MAX_FIT_ZOOM, this.fitZoom());
    await this.cy.animation({ zoom, center: { eles: this.cy.nodes() }, duration: 250 }).play().promise();
  }

  // fitZoom is the zoom at which the whole drawing fits the canvas.
  fitZoom() {
    const bb = this.cy.nodes().boundingBox();
    const pad = 80;
    return Math.min((this.cy.width() - 2 * pad) / Math.max(bb.w, 1), (this.cy.height() - 2 * pad) / Math.max(bb.h, 1));
  }
}
