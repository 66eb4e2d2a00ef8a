package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kgql/kgql/bench/internal/workload"
	"github.com/kgql/kgql/internal/kg"
)

var client = &http.Client{Timeout: 60 * time.Second}

// answer is what the soak reads of a GraphQL response.
type answer struct {
	status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions struct {
		Cost int `json:"cost"`
	} `json:"extensions"`
}

// code is the first error's extensions.code, "" without errors.
func (a *answer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	c, _ := a.Errors[0].Extensions["code"].(string)
	return c
}

// outcome says what became of a request: its status, and its code and
// the limit it exceeded when it was refused.
func (a *answer) outcome() string {
	s := fmt.Sprintf("%d", a.status)
	if c := a.code(); c != "" {
		s += " " + c
		if l, ok := a.Errors[0].Extensions["limit"].(string); ok {
			s += " (" + l + ")"
		}
	}
	return s
}

// post sends a body as it is and reads the answer.
func post(ctx context.Context, base, contentType string, body []byte) (*answer, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	a := &answer{status: res.StatusCode}
	json.Unmarshal(b, a)
	return a, nil
}

// query posts a GraphQL query with variables.
func query(ctx context.Context, base, q string, vars map[string]any) (*answer, error) {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return post(ctx, base, "application/json", body)
}

// population reads every entity but documents through the API, by id.
func population(ctx context.Context, base string) ([]workload.Entity, error) {
	kinds := map[string]kg.Kind{}
	for _, k := range kg.Kinds {
		kinds[strings.ToUpper(string(k))] = k
	}
	var pop []workload.Entity
	var after any
	for {
		a, err := query(ctx, base, `query($after: String) { entities(orderBy: ID, first: 100, after: $after) {
			pageInfo { hasNextPage endCursor } edges { node { id name kind } } } }`, map[string]any{"after": after})
		if err != nil {
			return nil, err
		}
		if len(a.Errors) > 0 {
			return nil, fmt.Errorf("reading entities: %s", a.Errors[0].Message)
		}
		var d struct {
			Entities struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct{ ID, Name, Kind string }
				}
			}
		}
		if err := json.Unmarshal(a.Data, &d); err != nil {
			return nil, err
		}
		for _, e := range d.Entities.Edges {
			if k := kinds[e.Node.Kind]; k != kg.KindDocument {
				pop = append(pop, workload.Entity{ID: e.Node.ID, Name: e.Node.Name, Kind: k})
			}
		}
		if !d.Entities.PageInfo.HasNextPage {
			return pop, nil
		}
		after = d.Entities.PageInfo.EndCursor
	}
}
