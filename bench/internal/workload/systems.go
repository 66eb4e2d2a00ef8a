package workload

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Req is the input of one request.
type Req struct {
	ID     string
	Search SearchCase
	Pair   [2]string
	Kind   kg.Kind
	After  string // list: the cursor of the previous page, "" for the first
}

// Result is what a response says, as far as the benchmark cares.
type Result struct {
	Err        string // non-empty: the request failed (HTTP status, GraphQL errors, no data)
	RoundTrips int    // kgql's extensions.roundTrips; -1 when the system does not report it
	EndCursor  string // list: the cursor of the next page
	HasNext    bool   // list
	Found      bool   // path: a path came back; search: the misspelt entity is among the hits
}

// Protocol turns requests of each shape into HTTP bodies for one kind of
// server and reads its responses.
type Protocol interface {
	// Request returns the path (after the base URL) and the body of a POST.
	Request(s Shape, r Req) (path string, body []byte)
	Check(s Shape, r Req, status int, body []byte) Result
}

// KGQL is kgql's GraphQL API (both stores).
type KGQL struct{}

var kgqlQueries = map[Shape]string{
	OneHop:       `query OneHop($id: ID!) { entity(id: $id) { id kind name relations(first: 20) { edges { direction relation { id type role } node { id kind name } } } } }`,
	Nested:       `query Nested($id: ID!) { entity(id: $id) { id name relations(first: 10) { edges { relation { id type } node { id name relations(first: 5) { edges { relation { id type } node { id name } } } } } } } }`,
	Neighborhood: `query Hood($id: ID!) { neighborhood(ids: [$id], hops: 2, limit: 200) { truncated nodes { id kind name } edges { id type source target } } }`,
	Search:       `query Search($text: String!) { search(text: $text, first: 10, relations: false) { score entity { id kind name } } }`,
	Path:         `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxHops: 6) { truncated path { length nodes { id kind name } relations { id type } } } }`,
	List:         `query List($kinds: [EntityKind!], $after: String) { entities(kinds: $kinds, first: 20, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`,
}

// KGQLQuery returns kgql's query text of a shape (for the docs).
func KGQLQuery(s Shape) string { return kgqlQueries[s] }

func gqlBody(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

func (KGQL) Request(s Shape, r Req) (string, []byte) {
	var vars map[string]any
	switch s {
	case OneHop, Nested, Neighborhood:
		vars = map[string]any{"id": r.ID}
	case Search:
		vars = map[string]any{"text": r.Search.Text}
	case Path:
		vars = map[string]any{"from": r.Pair[0], "to": r.Pair[1]}
	case List:
		vars = map[string]any{"kinds": []string{strings.ToUpper(string(r.Kind))}}
		if r.After != "" {
			vars["after"] = r.After
		}
	}
	return "/graphql", gqlBody(kgqlQueries[s], vars)
}

type gqlResponse struct {
	Data       json.RawMessage `json:"data"`
	Errors     []struct{ Message string }
	Extensions struct {
		RoundTrips *int `json:"roundTrips"`
	}
}

func decodeGQL(status int, body []byte) (*gqlResponse, string) {
	var resp gqlResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Sprintf("HTTP %d: %s", status, snippet(body))
	}
	if len(resp.Errors) > 0 {
		return &resp, "GraphQL error: " + resp.Errors[0].Message
	}
	if status != 200 {
		return &resp, fmt.Sprintf("HTTP %d: %s", status, snippet(body))
	}
	if len(resp.Data) == 0 || bytes.Equal(resp.Data, []byte("null")) {
		return &resp, "no data"
	}
	return &resp, ""
}

func snippet(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}

func (KGQL) Check(s Shape, r Req, status int, body []byte) Result {
	resp, msg := decodeGQL(status, body)
	res := Result{Err: msg, RoundTrips: -1}
	if resp != nil && resp.Extensions.RoundTrips != nil {
		res.RoundTrips = *resp.Extensions.RoundTrips
	}
	if msg != "" {
		return res
	}
	switch s {
	case OneHop, Nested:
		var d struct{ Entity *struct{ ID string } }
		if json.Unmarshal(resp.Data, &d) != nil || d.Entity == nil {
			res.Err = "entity not found"
		}
	case Search:
		var d struct {
			Search []struct{ Entity struct{ ID string } }
		}
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		for _, h := range d.Search {
			res.Found = res.Found || h.Entity.ID == r.Search.Target
		}
	case Path:
		var d struct {
			ShortestPath struct{ Path *struct{ Length int } }
		}
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		res.Found = d.ShortestPath.Path != nil
	case List:
		var d struct {
			Entities struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		res.HasNext, res.EndCursor = d.Entities.PageInfo.HasNextPage, d.Entities.PageInfo.EndCursor
	}
	return res
}

// NeoGraphQL is @neo4j/graphql with bench/neo4j-graphql/typeDefs.graphql.
type NeoGraphQL struct{}

var neoQueries = map[Shape]string{
	OneHop: `query OneHop($id: ID!) { entities(where: {id: {eq: $id}}) { id kind name facts(first: 20) { id type direction role other { id kind name } } } }`,
	// The library's nodes nest, its @cypher facts do not: the first level
	// asks for the facts and, for their other ends, the neighbors.
	Nested:       `query Nested($id: ID!) { entities(where: {id: {eq: $id}}) { id name facts(first: 10) { id type } neighbors(first: 10) { id name facts(first: 5) { id type other { id name } } } } }`,
	Neighborhood: `query Hood($id: ID!) { neighborhood(id: $id, limit: 200) { truncated nodes { id kind name } edges { id type source target } } }`,
	Search:       `query Search($q: String!) { searchEntities(phrase: $q, first: 10) { edges { score node { id kind name } } } }`,
	Path:         `query Path($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id kind name } relations { id type } } }`,
}

// neoConnections is the library's connection field of each kind.
var neoConnections = map[kg.Kind]string{
	kg.KindPerson: "peopleConnection", kg.KindOrganization: "organizationsConnection", kg.KindCountry: "countriesConnection",
	kg.KindCity: "citiesConnection", kg.KindRegion: "regionsConnection", kg.KindEvent: "eventsConnection",
	kg.KindCommodity: "commoditiesConnection", kg.KindInitiative: "initiativesConnection", kg.KindIndex: "indicesConnection",
	kg.KindDocument: "documentsConnection",
}

func neoListQuery(k kg.Kind) string {
	return `query List($after: String) { page: ` + neoConnections[k] + `(first: 20, after: $after, sort: [{name: ASC}, {id: ASC}]) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`
}

// NeoGraphQLQuery returns the library's query text of a shape (for the docs).
func NeoGraphQLQuery(s Shape) string {
	if s == List {
		return neoListQuery(kg.KindPerson)
	}
	return neoQueries[s]
}

func (NeoGraphQL) Request(s Shape, r Req) (string, []byte) {
	switch s {
	case OneHop, Nested, Neighborhood:
		return "/", gqlBody(neoQueries[s], map[string]any{"id": r.ID})
	case Search:
		return "/", gqlBody(neoQueries[s], map[string]any{"q": r.Search.Lucene})
	case Path:
		return "/", gqlBody(neoQueries[s], map[string]any{"from": r.Pair[0], "to": r.Pair[1]})
	default: // List
		vars := map[string]any{}
		if r.After != "" {
			vars["after"] = r.After
		}
		return "/", gqlBody(neoListQuery(r.Kind), vars)
	}
}

func (NeoGraphQL) Check(s Shape, r Req, status int, body []byte) Result {
	resp, msg := decodeGQL(status, body)
	res := Result{Err: msg, RoundTrips: -1}
	if msg != "" {
		return res
	}
	switch s {
	case OneHop, Nested:
		var d struct{ Entities []struct{ ID string } }
		if json.Unmarshal(resp.Data, &d) != nil || len(d.Entities) == 0 {
			res.Err = "entity not found"
		}
	case Search:
		var d struct {
			SearchEntities struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		for _, e := range d.SearchEntities.Edges {
			res.Found = res.Found || e.Node.ID == r.Search.Target
		}
	case Path:
		var d struct{ ShortestPath *struct{ Length int } }
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		res.Found = d.ShortestPath != nil
	case List:
		var d struct {
			Page struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		if err := json.Unmarshal(resp.Data, &d); err != nil {
			res.Err = err.Error()
		}
		res.HasNext, res.EndCursor = d.Page.PageInfo.HasNextPage, d.Page.PageInfo.EndCursor
	}
	return res
}

// Floor is bench/cmd/floor: POST /<shape> with the parameters as JSON,
// answered by one Cypher query.
type Floor struct{}

// FloorRequest is the body the floor takes.
type FloorRequest struct {
	ID    string `json:"id,omitempty"`
	Text  string `json:"text,omitempty"`
	Q     string `json:"q,omitempty"` // search: the full-text query
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
	Kind  string `json:"kind,omitempty"`
	After string `json:"after,omitempty"`
}

// FloorResponse is what the floor answers.
type FloorResponse struct {
	Data  any    `json:"data"`
	Error string `json:"error,omitempty"`
}

func (Floor) Request(s Shape, r Req) (string, []byte) {
	var fr FloorRequest
	switch s {
	case OneHop, Nested, Neighborhood:
		fr.ID = r.ID
	case Search:
		fr.Text, fr.Q = r.Search.Text, r.Search.Lucene
	case Path:
		fr.From, fr.To = r.Pair[0], r.Pair[1]
	case List:
		fr.Kind, fr.After = string(r.Kind), r.After
	}
	b, _ := json.Marshal(fr)
	return "/" + string(s), b
}

func (Floor) Check(s Shape, r Req, status int, body []byte) Result {
	res := Result{RoundTrips: -1}
	var resp struct {
		Data  json.RawMessage
		Error string
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		res.Err = fmt.Sprintf("HTTP %d: %s", status, snippet(body))
		return res
	}
	if resp.Error != "" || status != 200 {
		res.Err = fmt.Sprintf("HTTP %d: %s", status, resp.Error)
		return res
	}
	null := len(resp.Data) == 0 || bytes.Equal(resp.Data, []byte("null"))
	switch s {
	case OneHop, Nested, Neighborhood:
		if null {
			res.Err = "entity not found"
		}
	case Search:
		var hits []struct{ Entity struct{ ID string } }
		json.Unmarshal(resp.Data, &hits)
		for _, h := range hits {
			res.Found = res.Found || h.Entity.ID == r.Search.Target
		}
	case Path:
		res.Found = !null
	case List:
		var d struct {
			HasNextPage bool
			EndCursor   string
		}
		json.Unmarshal(resp.Data, &d)
		res.HasNext, res.EndCursor = d.HasNextPage, d.EndCursor
	}
	return res
}
