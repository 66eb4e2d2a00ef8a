package storetest

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// The suite must fail stores that are wrong in the ways issue 8 and 9
// name: each mutant below is the Reference with one such fault, and the
// random calls on the seed must catch every one.

// duplicateRoutes gives one route per parallel relation, as paths did
// before issue 8.
type duplicateRoutes struct{ *Reference }

func (m duplicateRoutes) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	list, err := m.Reference.Paths(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []kg.PathView
	for _, p := range list.Paths {
		out = append(out, p)
		for _, st := range p.Steps {
			for range st.Relations[1:] {
				out = append(out, p)
			}
		}
	}
	list.Paths = out[:min(len(out), q.Limit)]
	return list, nil
}

// starNeighborhood leaves out the relations between neighbours.
type starNeighborhood struct{ *Reference }

func (m starNeighborhood) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	sg, err := m.Reference.Neighborhood(ctx, q)
	if err != nil {
		return nil, err
	}
	var edges []*kg.RelationView
	for _, e := range sg.Edges {
		for _, id := range q.IDs {
			if e.Relation.From == id || e.Relation.To == id {
				edges = append(edges, e)
				break
			}
		}
	}
	sg.Edges = edges
	return sg, nil
}

// mentionsByDefault follows MENTIONS when no type is named.
type mentionsByDefault struct{ *Reference }

func (m mentionsByDefault) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	if len(f.Types) == 0 {
		f.Types = kg.RelationTypes
	}
	return m.Reference.FindRelations(ctx, f, count, rel, node)
}

// statusIgnored ignores the status filter of walks and pages.
type statusIgnored struct{ *Reference }

func (m statusIgnored) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	q.Filter.Statuses = nil
	return m.Reference.CommonNeighbors(ctx, q)
}

func (m statusIgnored) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	q.Filter.Statuses = nil
	return m.Reference.Neighborhood(ctx, q)
}

func (m statusIgnored) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	f.Statuses = nil
	return m.Reference.FindRelations(ctx, f, count, rel, node)
}

// twoRoundTrips reads stats in two statements.
type twoRoundTrips struct{ *Reference }

func (m twoRoundTrips) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	kg.CountRoundTrip(ctx)
	return m.Reference.Stats(ctx, q)
}

// wrongTruncation says its path search was cut, and invents a route.
type wrongTruncation struct{ *Reference }

func (m wrongTruncation) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	list, err := m.Reference.Paths(ctx, q)
	if err != nil || q.From == q.To {
		return list, err
	}
	list.Truncated = true
	list.Paths = append([]kg.PathView{{Nodes: []*kg.EntityView{kg.IDView(q.From), kg.IDView(q.To)}, Steps: []kg.PathStep{{}}}}, list.Paths...)
	return list, nil
}

// unorderedCommon gives common neighbours in reverse order.
type unorderedCommon struct{ *Reference }

func (m unorderedCommon) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	cn, err := m.Reference.CommonNeighbors(ctx, q)
	if err == nil {
		for i, j := 0, len(cn.Nodes)-1; i < j; i, j = i+1, j-1 {
			cn.Nodes[i], cn.Nodes[j] = cn.Nodes[j], cn.Nodes[i]
		}
	}
	return cn, err
}

// extraFields reads every field whatever the selection.
type extraFields struct{ *Reference }

func (m extraFields) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	if es != nil {
		all := *es
		all.Fields = kg.EAllFields
		es = &all
	}
	return m.Reference.Nodes(ctx, ids, es, rs)
}

func TestSuiteCatchesWrongStores(t *testing.T) {
	g := SeedGraph(t)
	// Two seeds' calls: one seed's few common-neighbour calls may all find
	// fewer than two, which no order can tell apart.
	calls := append(Calls(g, 1, CallsPerKind), Calls(g, 2, CallsPerKind)...)
	for name, s := range map[string]kg.Store{
		"duplicate routes": duplicateRoutes{NewReference(g)},
		"a star":           starNeighborhood{NewReference(g)},
		"mentions":         mentionsByDefault{NewReference(g)},
		"status ignored":   statusIgnored{NewReference(g)},
		"two round trips":  twoRoundTrips{NewReference(g)},
		"wrong truncation": wrongTruncation{NewReference(g)},
		"unordered":        unorderedCommon{NewReference(g)},
		"fields not asked": extraFields{NewReference(g)},
	} {
		differences := 0
		compareCalls(s, NewReference(g), calls, false, func(string) { differences++ })
		if differences == 0 {
			t.Errorf("%s: the random calls find no difference", name)
		} else {
			t.Logf("%s: %d differences", name, differences)
		}
	}
}
