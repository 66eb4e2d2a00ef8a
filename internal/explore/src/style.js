// How the drawing looks: a colour and a shape per entity kind (the legend
// shows the same), relation types as edge labels, the path and the
// selection highlighted.

export const KIND_STYLE = {
  PERSON: { color: '#3b7dd8', shape: 'ellipse' },
  ORGANIZATION: { color: '#e07b24', shape: 'round-rectangle' },
  COUNTRY: { color: '#2f9e5b', shape: 'hexagon' },
  CITY: { color: '#8c6bb1', shape: 'diamond' },
  REGION: { color: '#17a2b8', shape: 'octagon' },
  EVENT: { color: '#d6336c', shape: 'star' },
  COMMODITY: { color: '#a07a2c', shape: 'triangle' },
  INITIATIVE: { color: '#c9a227', shape: 'tag' },
  INDEX: { color: '#5c7080', shape: 'vee' },
  DOCUMENT: { color: '#868e96', shape: 'rectangle' },
};
const OTHER = { color: '#495057', shape: 'ellipse' };

export function kindStyle(kind) {
  return KIND_STYLE[kind] || OTHER;
}

// The legend's picture of a shape: an SVG polygon or ellipse.
const SHAPE_POINTS = {
  'round-rectangle': '2,3 14,3 14,13 2,13',
  rectangle: '2,3 14,3 14,13 2,13',
  hexagon: '4,2 12,2 15,8 12,14 4,14 1,8',
  diamond: '8,1 15,8 8,15 1,8',
  octagon: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5',
  star: '8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6',
  triangle: '8,1 15,15 1,15',
  tag: '1,3 11,3 15,8 11,13 1,13',
  vee: '1,2 8,7 15,2 8,15',
};

export function shapeIcon(kind) {
  const { color, shape } = kindStyle(kind);
  const body = SHAPE_POINTS[shape]
    ? `<polygon points="${SHAPE_POINTS[shape]}" fill="${color}"/>`
    : `<ellipse cx="8" cy="8" rx="7" ry="7" fill="${color}"/>`;
  return `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${body}</svg>`;
}

export function stylesheet() {
  const byKind = Object.entries(KIND_STYLE).map(([kind, { color, shape }]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': color, shape },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        width: 30,
        height: 30,
        'background-color': OTHER.color,
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: '#212529',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': 140,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': 1,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    ...byKind,
    {
      selector: 'edge',
      style: {
        label: 'data(type)',
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': '#adb5bd',
        'target-arrow-color': '#adb5bd',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'font-size': 8,
        'font-family': 'system-ui, sans-serif',
        color: '#495057',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': 1,
      },
    },
    { selector: 'edge[status != "STATED"]', style: { 'line-style': 'dashed' } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: 'edge.path', style: { width: 4, 'line-color': '#f08c00', 'target-arrow-color': '#f08c00' } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#f08c00' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#212529' } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#212529', 'target-arrow-color': '#212529', color: '#212529' } },
  ];
}
