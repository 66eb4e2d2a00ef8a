package httpapi

import (
	"encoding/json"
	"math"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/internal/export"
	"github.com/kgql/kgql/internal/kg"
)

// The cost model prices an operation before any store call, as an upper
// bound of the work it can cause. Its unit is one value of the response,
// or one entity or relation a store reads. A field costs
//
//	own + items × (the cost of its selection)
//
// where items is the most objects the field can return (1 for a single
// object; a list's page size or cap) and own is 1, plus the store work
// the field causes beyond the items it returns (a scan, a walk, a count).
// Items are bounded by the request's own arguments wherever the stores
// bound them so (a subgraph's relations by its limit, kg.SubgraphEdges),
// so that a small question is priced as small. Arguments beyond their
// caps are priced at the cap: the store refuses them with BAD_USER_INPUT,
// which says more than a price would. Introspection is priced by walking
// the schema as the executor will (introspection.go): its cost is the
// size of its answer. A refusal names the costliest field (pricing.field),
// so that its client knows what to ask for less of.

// Prices of store work that the items of a field do not show, in the
// same unit: what a store reads for it at most, or, for the scans of a
// whole graph (whose size the model does not know), a price set by their
// time against the pages' on a graph of 50,000 entities (bench/SOAK.md).
const (
	// countCost: a totalCount of an entity's page, or a degree: the
	// relations of one entity are counted.
	countCost = 10
	// entityScanCost: a scan of every entity (stats' mostConnected; a
	// count of a root page of entities).
	entityScanCost = 5000
	// relationScanCost: a scan of every relation (stats with a condition
	// on time or status, or types with mostConnected; a count of the root
	// page of relations when no end or document anchors it).
	relationScanCost = 20000
	// searchCost: the term lookups of a search and the ranking of up to
	// kg.SearchCandidates candidates.
	searchCost = 5000
	// walkCost: a route search may enumerate kg.MaxEnumerated walks on
	// Neo4j (and visit up to kg.MaxVisited entities in the embedded store).
	walkCost = kg.MaxEnumerated
	// commonCost: the neighbours of two entities, whose degrees have no cap.
	commonCost = 1000
	// statsCountCost: stats of kept counts only (top: 0, no condition).
	statsCountCost = 10
	// evidencePerFact: evidence lists have no cap; a fact or an entity is
	// priced as if stated this many times.
	evidencePerFact = 5
)

// parallelRelations: the relations between two entities, at most one per
// type in each direction (a relation's id is from>TYPE>to).
var parallelRelations = 2 * len(kg.RelationTypes)

// scope carries what a root field's arguments bound below it: the page
// size of the connection being walked, the routes and their length, the
// subgraph's size.
type scope struct {
	page    int // items of the connection's edges (its first)
	count   int // the price of the connection's totalCount
	routes  int // paths: limit; shortestPath: 1
	maxHops int
	nodes   int // neighborhood, expand: the most entities
	edges   int // neighborhood, expand: the most relations (kg.SubgraphEdges)
	top     int // stats: top
}

// price is what a rule says of one field: its own cost, its items, and
// the scope of its selection.
type price struct {
	own, items int
	scope      scope
}

// rule prices a field from its arguments (defaults and variables applied)
// and the scope it is in.
type rule func(args map[string]any, s scope) price

// rules prices every field that returns more than one object or causes
// store work beyond its items, by type and field; fields of the entity
// types are found under Entity. Every other field costs 1 and returns one
// object or a scalar (TestEveryListFieldIsPriced holds the list complete).
var rules = map[string]rule{
	"Query.nodes": func(a map[string]any, s scope) price {
		n := len(listArg(a, "ids"))
		n = min(n, kg.MaxIDs)
		return price{own: 1 + n, items: n}
	},
	"Query.entities":  rootPage(entityScanCost),
	"Query.documents": rootPage(entityScanCost),
	"Query.relations": func(a map[string]any, s scope) price {
		f := mapArg(a, "filter")
		if f["from"] != nil || f["to"] != nil || f["between"] != nil || f["document"] != nil {
			return rootPage(countCost)(a, s) // the relations of an entity, two or a document
		}
		return rootPage(relationScanCost)(a, s)
	},
	"Query.search": func(a map[string]any, s scope) price {
		return price{own: searchCost, items: intArg(a, "first", 0, kg.MaxSearch)}
	},
	"Query.shortestPath": func(a map[string]any, s scope) price {
		return price{own: walkCost, items: 1, scope: scope{routes: 1, maxHops: intArg(a, "maxHops", 1, kg.MaxHops)}}
	},
	"Query.paths": func(a map[string]any, s scope) price {
		return price{own: walkCost, items: 1, scope: scope{routes: intArg(a, "limit", 1, kg.MaxPaths), maxHops: intArg(a, "maxHops", 1, kg.MaxHops)}}
	},
	// A subgraph holds at most limit entities (with hops: 0, only its
	// centres) and the relations its limit allows (kg.SubgraphEdges). To
	// find them the store reads the relations of each entity it keeps,
	// and with hops of each entity it steps from: a count's price each,
	// as an entity's degree is priced, for a hub's relations have no cap.
	"Query.neighborhood": func(a map[string]any, s scope) price {
		limit := intArg(a, "limit", 1, kg.MaxSubgraphNodes)
		n, reads := limit, 2*limit
		if a["hops"] != nil && intArg(a, "hops", 0, kg.MaxHops) == 0 {
			n = min(n, max(len(listArg(a, "ids")), 1))
			reads = n
		}
		e := kg.SubgraphEdges(limit)
		return price{own: n + e + reads*countCost, items: 1, scope: scope{nodes: n, edges: e}}
	},
	// An expansion reads the relations of each expanded entity (its step
	// and its degree) and of each new one (its relations and its degree).
	"Query.expand": func(a map[string]any, s scope) price {
		n := intArg(a, "limit", 1, kg.MaxSubgraphNodes)
		e := kg.SubgraphEdges(n)
		ids := min(len(listArg(a, "ids")), kg.MaxIDs)
		return price{own: n + e + 2*(n+ids)*countCost, items: 1, scope: scope{nodes: n, edges: e, page: ids}}
	},
	"Query.commonNeighbors": func(a map[string]any, s scope) price {
		return price{own: commonCost, items: 1, scope: scope{page: intArg(a, "first", 0, kg.MaxFirst)}}
	},
	"Query.stats": func(a map[string]any, s scope) price {
		top := intArg(a, "top", 0, kg.MaxFirst)
		own := statsCountCost
		switch {
		case timeOrStatus(a["filter"]) || top > 0 && len(listArg(mapArg(a, "filter"), "types")) > 0:
			own = relationScanCost
		case top > 0:
			own = entityScanCost
		}
		return price{own: own, items: 1, scope: scope{top: top}}
	},

	"Query.history": changePageRule(countCost),
	"Query.changes": func(a map[string]any, s scope) price {
		if len(mapArg(a, "filter")) > 0 {
			return changePageRule(changeScanCost)(a, s) // a filter may skip any part of the log
		}
		return changePageRule(1)(a, s)
	},
	"ChangeConnection.edges": edges,
	"Change.before":          changeImages,
	"Change.after":           changeImages,

	"Mutation.ingestDocument": func(a map[string]any, s scope) price {
		in := mapArg(a, "input")
		return price{own: writeCost + len(listArg(in, "entities")) + len(listArg(in, "relations"))*(1+kg.MaxInputEvidence), items: 1}
	},
	"Mutation.createEntity":    writeRule(writeCost),
	"Mutation.updateEntity":    writeRule(writeCost),
	"Mutation.assertRelation":  writeRule(writeCost + kg.MaxInputEvidence),
	"Mutation.retractRelation": writeRule(writeCost),
	"Mutation.deleteDocument":  writeRule(relationScanCost),     // the relations a document's evidence supports
	"Mutation.mergeEntities":   writeRule(kg.MaxMergeRelations), // the relations a merge moves
	"Mutation.revertChange":    writeRule(kg.MaxMergeRelations), // the images of the change reverted: a merge's at most

	"IngestDocumentPayload.userErrors":  userErrors,
	"CreateEntityPayload.userErrors":    userErrors,
	"UpdateEntityPayload.userErrors":    userErrors,
	"AssertRelationPayload.userErrors":  userErrors,
	"RetractRelationPayload.userErrors": userErrors,
	"DeleteDocumentPayload.userErrors":  userErrors,
	"MergeEntitiesPayload.userErrors":   userErrors,
	"RevertChangePayload.userErrors":    userErrors,
	"IngestDocumentPayload.entities":    fixedItems(kg.MaxInputEntities),
	"IngestDocumentPayload.relations":   fixedItems(kg.MaxInputRelations),
	"UserError.candidates":              fixedItems(kg.MaxNameCandidates),
	"MergePlan.collisions":              fixedItems(kg.MaxMergeRelations),

	"RelationConnection.edges":      edges,
	"EntityConnection.edges":        edges,
	"RelationConnection.totalCount": totalCount,
	"EntityConnection.totalCount":   totalCount,

	"Entity.relations":  nestedPage,
	"Entity.neighbors":  nestedPage,
	"Entity.documents":  nestedPage,
	"Entity.degree":     func(map[string]any, scope) price { return price{own: countCost, items: 1} },
	"Entity.evidence":   fixedItems(evidencePerFact),
	"Relation.evidence": fixedItems(evidencePerFact),
	"Person.positions":  fixedItems(kg.MaxFirst), // the selection compiler reads the first kg.MaxFirst
	"Event.place":       fixedItems(kg.MaxFirst), // kg.PlaceFilter
	"Initiative.place":  fixedItems(kg.MaxFirst),

	"PathList.paths":            func(_ map[string]any, s scope) price { return price{own: 1, items: s.routes, scope: s} },
	"PathResult.path":           func(_ map[string]any, s scope) price { return price{own: 1, items: 1, scope: s} },
	"Path.nodes":                func(_ map[string]any, s scope) price { return price{own: 1, items: s.maxHops + 1} },
	"Path.steps":                func(_ map[string]any, s scope) price { return price{own: 1, items: s.maxHops} },
	"Path.relations":            func(_ map[string]any, s scope) price { return price{own: 1, items: s.maxHops * parallelRelations} },
	"PathStep.relations":        fixedItems(parallelRelations),
	"Subgraph.nodes":            func(_ map[string]any, s scope) price { return price{own: 1, items: s.nodes} },
	"Subgraph.edges":            func(_ map[string]any, s scope) price { return price{own: 1, items: s.edges} },
	"Expansion.nodes":           func(_ map[string]any, s scope) price { return price{own: 1, items: s.nodes} },
	"Expansion.edges":           func(_ map[string]any, s scope) price { return price{own: 1, items: s.edges} },
	"Expansion.expanded":        func(_ map[string]any, s scope) price { return price{own: 1, items: s.page} },
	"CommonNeighbors.nodes":     func(_ map[string]any, s scope) price { return price{own: 1, items: s.page} },
	"CommonNeighbors.neighbors": func(_ map[string]any, s scope) price { return price{own: 1, items: s.page} },
	"CommonNeighbor.toA":        fixedItems(kg.MaxJoins),
	"CommonNeighbor.toB":        fixedItems(kg.MaxJoins),
	"Stats.byKind":              fixedItems(len(kg.Kinds)),
	"Stats.byType":              fixedItems(len(kg.RelationTypes)),
	"Stats.mostConnected":       func(_ map[string]any, s scope) price { return price{own: 1, items: s.top} },
}

// The writes. A mutation's own price is its store work: a fixed part
// (writeCost: the transaction, its change and idempotency key), and what
// its input makes it read or write. Its payload is priced as a query's
// answer; its user errors as one per relation of the largest input (the
// pure checks give at most a few per relation).
const (
	writeCost = 100
	// changeScanCost: a filtered page of the change log may scan the log
	// (kept in memory) up to its end.
	changeScanCost = relationScanCost
)

var userErrors = fixedItems(kg.MaxInputRelations)

func writeRule(own int) rule {
	return func(map[string]any, scope) price { return price{own: own, items: 1} }
}

// changePageRule prices history and changes: first changes (kg.DefaultFirst
// when not given), and count for finding the page's start.
func changePageRule(own int) rule {
	return func(a map[string]any, s scope) price {
		n := kg.DefaultFirst
		if a["first"] != nil {
			n = intArg(a, "first", 0, kg.MaxFirst)
		}
		return price{own: own, items: 1, scope: scope{page: n}}
	}
}

// changeImages prices a change's before or after images: first of them.
func changeImages(a map[string]any, s scope) price {
	return price{own: 1, items: intArg(a, "first", 0, kg.MaxFirst)}
}

// rootPage prices entities, relations and documents: first items, and a
// totalCount of the given price.
func rootPage(count int) rule {
	return func(a map[string]any, s scope) price {
		return price{own: 1, items: 1, scope: scope{page: intArg(a, "first", 0, kg.MaxFirst), count: count}}
	}
}

// nestedPage prices an entity's relations, neighbors and documents.
func nestedPage(a map[string]any, s scope) price {
	return price{own: 1, items: 1, scope: scope{page: intArg(a, "first", 0, kg.MaxFirst), count: countCost}}
}

func edges(_ map[string]any, s scope) price { return price{own: 1, items: s.page} }

func totalCount(_ map[string]any, s scope) price { return price{own: s.count, items: 1} }

func fixedItems(n int) rule {
	return func(map[string]any, scope) price { return price{own: 1, items: n} }
}

// ruleFor finds the rule of a field of a type: under the type, else under
// the Entity interface for the fields every entity kind has.
func ruleFor(schema *ast.Schema, typeName, field string) rule {
	if r, ok := rules[typeName+"."+field]; ok {
		return r
	}
	if def := schema.Types[typeName]; def != nil && (typeName == "Entity" || implements(def, "Entity")) {
		if r, ok := rules["Entity."+field]; ok {
			return r
		}
	}
	return nil
}

func implements(def *ast.Definition, iface string) bool {
	for _, i := range def.Interfaces {
		if i == iface {
			return true
		}
	}
	return false
}

// pricing is one walk of an operation by the cost model. Its work is
// bounded whatever the document (fragments spread in one another can
// make a tree of more fields than the document has tokens): it visits at
// most work fields and introspection values, each of which costs at least
// 1, and a walk cut there has already passed the limit (cut).
type pricing struct {
	*limiter
	doc  *ast.QueryDocument
	vars map[string]any
	// exporting: the query is an export's; the fields the export adds
	// (export.Prefix) are free: they read a fixed set of attributes of
	// each entity and relation the client's selection returns, and the
	// ends of each relation, which the store reads with it. An export is
	// priced as its client's query.
	exporting bool
	work      int  // fields and introspection values it may still visit
	cut       bool // work ran out: the prices are what was counted by then
}

// priced is the price of a field (or a selection set) and where most of
// it lies: the path of response keys from the field down to its costliest
// field, and what that field costs of it.
type priced struct {
	cost     int
	path     []string
	pathCost int
}

// field prices the merged field f in scope s: own + items × the price of
// its selection. The costliest field below f is f itself, unless one
// field of its selection costs more than half of f's price: then it is
// that field's costliest.
func (p *pricing) field(f *responseField, s scope) priced {
	if introspective(f.name) {
		c, ok := p.introspectionCost(p.doc, p.vars, f, p.work)
		if p.work -= c; !ok || p.work < 0 {
			p.cut = true
		}
		return priced{cost: c, path: []string{f.key}, pathCost: c}
	}
	if p.work--; p.work < 0 {
		p.cut = true
		return priced{cost: 1, path: []string{f.key}, pathCost: 1}
	}
	pr := price{own: 1, items: 1}
	x := f.fields[0]
	if x.ObjectDefinition != nil {
		if r := ruleFor(p.schema, x.ObjectDefinition.Name, f.name); r != nil {
			pr = r(x.ArgumentMap(p.vars), s)
		}
	}
	items := max(pr.items, 1) // an empty page still walks its selection once
	children, costliest := p.set(f.selections(), pr.scope)
	out := priced{cost: saturate(pr.own, items, children), path: []string{f.key}}
	out.pathCost = out.cost
	if below := saturate(0, items, costliest.cost); costliest.path != nil && 2*int64(below) > int64(out.cost) {
		out.path = append(out.path, costliest.path...)
		out.pathCost = saturate(0, items, costliest.pathCost)
	}
	return out
}

// set prices a selection set: the sum of its fields' prices, and its
// costliest field's price (zero for an empty set).
func (p *pricing) set(sets []ast.SelectionSet, s scope) (int, priced) {
	total := 0
	var costliest priced
	for _, f := range collect(p.doc, sets) {
		if p.exporting && strings.HasPrefix(f.key, export.Prefix) {
			continue
		}
		c := p.field(f, s)
		total = min(total+c.cost, math.MaxInt32)
		if c.cost > costliest.cost {
			costliest = c
		}
		if p.cut {
			break
		}
	}
	return total, costliest
}

// saturate is own + items × children, held below overflow (at
// math.MaxInt32).
func saturate(own, items, children int) int {
	if children > 0 && items > (math.MaxInt32-own)/children {
		return math.MaxInt32
	}
	return own + items*children
}

// intArg reads an Int argument, clamped to [lo, hi].
func intArg(args map[string]any, name string, lo, hi int) int {
	var n int64
	switch v := args[name].(type) {
	case int:
		n = int64(v)
	case int32:
		n = int64(v)
	case int64:
		n = v
	case float64:
		n = int64(v)
	case json.Number:
		n, _ = v.Int64()
	default:
		return lo
	}
	return int(min(max(n, int64(lo)), int64(hi)))
}

func listArg(args map[string]any, name string) []any {
	l, _ := args[name].([]any)
	return l
}

func mapArg(args map[string]any, name string) map[string]any {
	m, _ := args[name].(map[string]any)
	return m
}

// timeOrStatus reports whether a Filter input holds a condition on valid
// time, stated time or status.
func timeOrStatus(filter any) bool {
	f, _ := filter.(map[string]any)
	for _, k := range []string{"at", "since", "until", "statedSince", "statedUntil"} {
		if s, _ := f[k].(string); s != "" {
			return true
		}
	}
	return len(listArg(f, "status")) > 0
}
