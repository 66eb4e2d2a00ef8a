// The filter of the sidebar: relation types, statuses and a valid time
// (a month). The same filter goes into every expand, path and induced
// subgraph request (as kgql's Filter), and hides the drawn relations it
// does not admit (admits, which decides as kgql does).

// The valid-time slider runs over months, as year*12 + month - 1.
export const FIRST_MONTH = 1990 * 12;
export function lastMonth(now = new Date()) {
  return Math.max(2030, now.getFullYear() + 2) * 12 + 11;
}

export function monthValue(m) {
  const year = Math.floor(m / 12);
  return `${year}-${String((m % 12) + 1).padStart(2, '0')}`;
}

// The days a month covers, as kgql's Date first and last give them.
function monthDays(m) {
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${String(month).padStart(2, '0')}`;
  return { first: `${prefix}-01`, last: `${prefix}-${String(lastDay).padStart(2, '0')}` };
}

// Filter is what the sidebar selects. types and statuses are Sets; at is a
// month number or null for any time. allTypes are the types kgql follows
// when none are named (every type but MENTIONS), allStatuses every status.
export class Filter {
  constructor({ types, statuses, at, allTypes, allStatuses }) {
    Object.assign(this, { types, statuses, at, allTypes, allStatuses });
  }

  // graphql is the Filter input kgql takes: null fields where the sidebar
  // selects what kgql selects by default.
  graphql() {
    const f = {};
    const defaultTypes = this.types.size === this.allTypes.length && this.allTypes.every((t) => this.types.has(t));
    if (!defaultTypes) f.types = [...this.types];
    if (this.statuses.size !== this.allStatuses.length) f.status = [...this.statuses];
    if (this.at !== null) f.at = monthValue(this.at);
    return Object.keys(f).length ? f : null;
  }

  // admits reports whether a drawn relation passes the filter: its type,
  // its status, and a validity (open where unknown) that overlaps the month.
  admits(rel) {
    if (!this.types.has(rel.type) || !this.statuses.has(rel.status)) return false;
    if (this.at === null) return true;
    const { first, last } = monthDays(this.at);
    if (rel.validTo && rel.validTo.last < first) return false;
    if (rel.validFrom && rel.validFrom.first > last) return false;
    return true;
  }

  describe() {
    const f = this.graphql() || {};
    const parts = [];
    if (f.types) parts.push(`${f.types.length} types`);
    if (f.status) parts.push(f.status.join(', ').toLowerCase());
    if (f.at) parts.push(`holding in ${f.at}`);
    return parts.length ? parts.join('; ') : 'every relation';
  }
}
