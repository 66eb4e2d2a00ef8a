package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
)

// capsHubs and capsMembers shape CapsGraph: every member belongs to every
// hub, so that the hubs and their members hold more relations than
// kg.MaxSubgraphEdges. capsParallel relations join two more organizations,
// more than kg.EdgesPerEntity for each of them: a small subgraph past the
// relations its limit allows.
const (
	capsHubs     = 5
	capsMembers  = 450
	capsParallel = 25
)

// capsPair are the two organizations that capsParallel relations join.
var capsPair = [2]string{"org/pair-a", "org/pair-b"}

func capsHub(i int) string { return fmt.Sprintf("org/hub-%d", i) }

// CapsGraph is a graph at the caps: capsHubs organizations with the same
// capsMembers people each, one document stating it all.
func CapsGraph() *kg.Graph {
	const doc = "doc/caps"
	g := &kg.Graph{Entities: []*kg.Entity{{ID: doc, Kind: kg.KindDocument, Name: "Members", Text: "They are members."}}}
	ev := kg.Evidence{DocumentID: doc, Excerpt: "They are members.", Date: kg.MustDate("2025-01-01"), End: 17}
	for h := range capsHubs {
		g.Entities = append(g.Entities, &kg.Entity{ID: capsHub(h), Kind: kg.KindOrganization, Name: fmt.Sprintf("Hub %d", h)})
	}
	for m := range capsMembers {
		id := fmt.Sprintf("person/member-%03d", m)
		g.Entities = append(g.Entities, &kg.Entity{ID: id, Kind: kg.KindPerson, Name: fmt.Sprintf("Member %03d", m)})
		for h := range capsHubs {
			g.Relations = append(g.Relations, &kg.Relation{ID: kg.RelationID(id, kg.MemberOf, capsHub(h), ""),
				Type: kg.MemberOf, From: id, To: capsHub(h), Evidence: []kg.Evidence{ev}})
		}
	}
	for i, id := range capsPair {
		g.Entities = append(g.Entities, &kg.Entity{ID: id, Kind: kg.KindOrganization, Name: fmt.Sprintf("Pair %d", i)})
	}
	for k := range capsParallel {
		g.Relations = append(g.Relations, &kg.Relation{ID: kg.RelationID(capsPair[0], kg.CooperatesWith, capsPair[1], fmt.Sprint(k)),
			Type: kg.CooperatesWith, From: capsPair[0], To: capsPair[1], Evidence: []kg.Evidence{ev}})
	}
	g.Relations = append(g.Relations, seedfile.DeriveMentions(g)...)
	return g
}

// runCaps checks answers that the caps cut: a neighbourhood and an
// expansion past kg.MaxSubgraphEdges relations, past the relations their
// limit allows (kg.SubgraphEdges), past their limit of entities, pages of
// kg.MaxFirst; each as the Reference answers, and truncated.
func runCaps(t *testing.T, s kg.Store, g *kg.Graph) {
	ctx, ref := context.Background(), NewReference(g)
	both := kg.StepFilter{Direction: kg.Both}
	hubs := make([]string, capsHubs)
	for h := range hubs {
		hubs[h] = capsHub(h)
	}
	for _, c := range []struct {
		name      string
		truncated bool
		do        func(s kg.Store) (any, bool, error)
	}{
		{"NeighborhoodPastEdges", true, func(s kg.Store) (any, bool, error) {
			sg, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: hubs, Hops: 1, Limit: kg.MaxSubgraphNodes, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return sg, sg.Truncated && len(sg.Edges) == kg.MaxSubgraphEdges && len(sg.Nodes) == capsHubs+capsMembers, nil
		}},
		{"NeighborhoodPastLimit", true, func(s kg.Store) (any, bool, error) {
			sg, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: hubs[:1], Hops: 2, Limit: 100, Filter: both, Nodes: &kg.EntitySel{Fields: kg.EName}})
			if err != nil {
				return nil, false, err
			}
			return sg, sg.Truncated && len(sg.Nodes) == 100, nil
		}},
		{"NeighborhoodAtLimit", false, func(s kg.Store) (any, bool, error) {
			sg, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: hubs[:1], Hops: 1, Limit: capsMembers + 1, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return sg, !sg.Truncated && len(sg.Nodes) == capsMembers+1 && len(sg.Edges) == capsMembers, nil
		}},
		{"NeighborhoodPastItsLimitsEdges", true, func(s kg.Store) (any, bool, error) {
			sg, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: capsPair[:1], Hops: 1, Limit: 2, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return sg, sg.Truncated && len(sg.Nodes) == 2 && len(sg.Edges) == kg.SubgraphEdges(2), nil
		}},
		{"NeighborhoodWithinItsLimitsEdges", false, func(s kg.Store) (any, bool, error) {
			sg, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: capsPair[:1], Hops: 1, Limit: 3, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return sg, !sg.Truncated && len(sg.Nodes) == 2 && len(sg.Edges) == capsParallel, nil
		}},
		{"ExpandPastItsLimitsEdges", true, func(s kg.Store) (any, bool, error) {
			x, err := s.Expand(ctx, kg.ExpandQuery{IDs: capsPair[:1], Limit: 1, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return x, x.Truncated && len(x.Nodes) == 1 && len(x.Edges) == kg.SubgraphEdges(1) && x.Nodes[0].Degree == capsParallel, nil
		}},
		{"ExpandPastEdges", true, func(s kg.Store) (any, bool, error) {
			x, err := s.Expand(ctx, kg.ExpandQuery{IDs: hubs, Limit: kg.MaxSubgraphNodes, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return x, x.Truncated && len(x.Nodes) == capsMembers && len(x.Edges) == kg.MaxSubgraphEdges, nil
		}},
		{"ExpandPastLimit", true, func(s kg.Store) (any, bool, error) {
			x, err := s.Expand(ctx, kg.ExpandQuery{IDs: hubs[:2], Known: hubs[2:], Limit: 10, Filter: both})
			if err != nil {
				return nil, false, err
			}
			// Each new member is drawn with the two hubs expanded and the
			// three known: nothing of it is hidden.
			ok := x.Truncated && len(x.Nodes) == 10 && len(x.Edges) == 10*capsHubs && x.Nodes[0].Degree == capsHubs && x.Nodes[0].HiddenDegree == 0 &&
				x.Expanded[0].Degree == capsMembers && x.Expanded[0].HiddenDegree == capsMembers-10
			return x, ok, nil
		}},
		{"CommonNeighborsPastFirst", true, func(s kg.Store) (any, bool, error) {
			cn, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: hubs[0], B: hubs[1], First: kg.MaxFirst, Filter: both})
			if err != nil {
				return nil, false, err
			}
			return cn, cn.Truncated && len(cn.Nodes) == kg.MaxFirst, nil
		}},
		{"DegreesAndFullPages", false, func(s kg.Store) (any, bool, error) {
			sel := &kg.EntitySel{Kids: []*kg.ChildSel{
				{Kind: kg.ChildRelations, Count: true, Filter: kg.RelationFilter{StepFilter: both}},
				{Kind: kg.ChildNeighbors, Count: true, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: kg.MaxFirst}}},
				{Kind: kg.ChildRelations, Count: true, Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.In, Types: []kg.RelationType{kg.Mentions}}, Page: kg.Page{First: kg.MaxFirst}}},
			}}
			nodes, err := s.Nodes(ctx, hubs[:1], sel, nil)
			if err != nil {
				return nil, false, err
			}
			kids := nodes[0].Entity.Kids
			degree, neighbors, mentions := kids[0].(*kg.RelationPage), kids[1].(*kg.EntityPage), kids[2].(*kg.RelationPage)
			ok := degree.TotalCount == capsMembers && len(degree.Edges) == 0 && degree.HasNextPage &&
				neighbors.TotalCount == capsMembers && len(neighbors.Edges) == kg.MaxFirst && neighbors.HasNextPage &&
				mentions.TotalCount == 1 && len(mentions.Edges) == 1 && !mentions.HasNextPage
			return nodes, ok, nil
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok, err := c.do(s)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := c.do(ref)
			if err != nil {
				t.Fatal(err)
			}
			if gs, ws := View(got), View(want); gs != ws {
				t.Errorf("answers differ at %s", firstDifference(gs, ws))
			}
			if !ok {
				t.Errorf("not cut as it should be (truncated %v expected)", c.truncated)
			}
		})
	}
	t.Run("Pages", func(t *testing.T) {
		checkPages(t, s, g, []int{kg.MaxFirst, 33}, pagedConnections(g, hubs[0], "person/member-000")...)
	})
}
