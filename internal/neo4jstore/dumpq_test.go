package neo4jstore_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
)

func TestDumpQueries(t *testing.T) {
	if os.Getenv("DUMPQ") == "" {
		t.Skip()
	}
	both := kg.StepFilter{Direction: kg.Both}
	show := func(name, q string, p map[string]any) {
		fmt.Printf("==== %s\n%s\n%s\n", name, q, planText(profile(t, q, p)))
	}
	q, p := neo4jstore.FindRelationsQuery(kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 7}}, "x", true, nil, &kg.EntitySel{Fields: kg.EName})
	show("relations", q, p)
	q, p = neo4jstore.FindRelationsQuery(kg.RelationFilter{StepFilter: both, Document: "doc/2024-12-17-oic-cybersecurity-centre-of-excellence", Page: kg.Page{First: 7}}, "", true, nil, &kg.EntitySel{Fields: kg.EName})
	show("relations of doc", q, p)
	q, p = neo4jstore.PathsQuery(kg.PathQuery{From: "country/kazakhstan", To: "org/oic", MaxHops: 4, Filter: kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Since: "2024"}}, Limit: 3, Nodes: &kg.EntitySel{Fields: kg.EName}, Steps: &kg.RelationSel{Fields: kg.RRole}})
	show("paths", q, p)
	q, p = neo4jstore.NeighborhoodQuery(kg.NeighborhoodQuery{IDs: []string{"country/kazakhstan"}, Hops: 2, Filter: both, Limit: 200, Nodes: &kg.EntitySel{Fields: kg.EName}, Edges: nil})
	show("hood", q, p)
	q, p = neo4jstore.ExpandQuery(kg.ExpandQuery{IDs: []string{"country/kazakhstan"}, Known: []string{"country/pakistan"}, Filter: both, Limit: 50})
	show("expand", q, p)
	q, p = neo4jstore.SearchQuery(kg.SearchQuery{Text: "kazakstan", Relations: true, First: 10, Entity: &kg.EntitySel{Fields: kg.EName}}, true)
	show("search", q, p)
	q, p = neo4jstore.StatsQuery(kg.StatsQuery{Filter: both, Top: 5})
	show("stats", q, p)
	q, p = neo4jstore.CommonQuery(kg.CommonNeighborsQuery{A: "country/kazakhstan", B: "country/pakistan", Filter: both, First: 10})
	show("common", q, p)
	sel := &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 10}}, Relation: &kg.RelationSel{Evidence: &kg.EvidenceSel{Document: &kg.EntitySel{Fields: kg.ETitle}}}, Node: &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5}}, Node: &kg.EntitySel{Fields: kg.EName}}}}}}}
	q, p = neo4jstore.NodesQuery([]string{"country/kazakhstan", "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta"}, sel, nil)
	show("nested", q, p)
}
