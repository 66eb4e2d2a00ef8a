package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/export"
	"github.com/kgql/kgql/internal/kg"
)

// MaxWholeGraph caps the whole-graph export: a graph with more relations
// (MENTIONS aside) or more entities is refused; export a query's answer
// (a neighbourhood, an expansion) instead.
const MaxWholeGraph = 10000

// The export endpoint, /export?format=…, writes the entities and
// relations of a GraphQL query's answer (GET: query, variables and
// operationName as URL parameters; POST: a GraphQL JSON body), or of the
// whole graph (whole=true), as a file of that format. The query runs
// through the GraphQL handler itself, with every limit of /graphql, after
// export.Instrument added what the export reads. An answer with errors
// exports nothing: the errors are returned, coded as GraphQL's.
type exporter struct {
	gql    http.Handler
	schema *ast.Schema
	log    *slog.Logger
	// maxTokens bounds the instrumented query as /graphql bounds a query.
	maxTokens int
}

// exportRequest is what an export asks.
type exportRequest struct {
	Format        string
	Whole         bool
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

// exportError is an export refused: its HTTP status and GraphQL errors.
type exportError struct {
	status int
	errors []json.RawMessage
}

func (e *exportError) Error() string { return fmt.Sprintf("export: %d", e.status) }

func refuse(status int, code, format string, args ...any) *exportError {
	b, _ := json.Marshal(map[string]any{"message": fmt.Sprintf(format, args...), "extensions": map[string]string{"code": code}})
	return &exportError{status: status, errors: []json.RawMessage{b}}
}

func (x exporter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, err := readExportRequest(r)
	if err != nil {
		x.fail(r.Context(), w, err)
		return
	}
	format := export.Formats[req.Format]
	var g *export.Graph
	name := "graph"
	if req.Whole {
		g, err = x.wholeGraph(r.Context())
	} else {
		g, name, err = x.answer(r.Context(), req)
	}
	if err == nil {
		var buf bytes.Buffer
		if err = format.Write(&buf, g); err == nil {
			w.Header().Set("Content-Type", format.ContentType)
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="kgql-%s.%s"`, name, format.Ext))
			w.Write(buf.Bytes())
			return
		}
	}
	x.fail(r.Context(), w, err)
}

// readExportRequest reads the format and whole from the URL, and the
// query from the URL (GET) or the JSON body (POST).
func readExportRequest(r *http.Request) (exportRequest, error) {
	q := r.URL.Query()
	req := exportRequest{Format: q.Get("format"), Whole: q.Get("whole") == "true"}
	if _, ok := export.Formats[req.Format]; !ok {
		return req, refuse(http.StatusBadRequest, kg.EINVALID, "format must be one of %s, got %q", strings.Join(export.FormatNames(), ", "), req.Format)
	}
	switch r.Method {
	case http.MethodGet:
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, refuse(http.StatusBadRequest, kg.EINVALID, "variables must be a JSON object: %v", err)
			}
		}
	case http.MethodPost:
		body := req
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			return req, refuse(http.StatusBadRequest, kg.EINVALID, "the body must be a GraphQL request in JSON: %v", err)
		}
		req.Query, req.Variables, req.OperationName = body.Query, body.Variables, body.OperationName
	default:
		return req, refuse(http.StatusMethodNotAllowed, kg.EINVALID, "export takes GET or POST")
	}
	if req.Whole == (req.Query != "") {
		return req, refuse(http.StatusBadRequest, kg.EINVALID, "give a GraphQL query whose answer holds the entities and relations to export, or whole=true for the whole graph")
	}
	return req, nil
}

// answer runs the request's query and collects what its answer holds.
func (x exporter) answer(ctx context.Context, req exportRequest) (*export.Graph, string, error) {
	query, name, errs := export.Instrument(x.schema, req.Query, req.OperationName, x.maxTokens)
	if errs != nil {
		// Not a valid query: /graphql words and codes its errors.
		query, name = req.Query, "export"
	}
	data, err := x.run(ctx, query, req.Variables, req.OperationName)
	if err != nil {
		return nil, "", err
	}
	if errs != nil {
		return nil, "", refuse(http.StatusUnprocessableEntity, "GRAPHQL_VALIDATION_FAILED", "%s", errs.Error())
	}
	return export.Collect(data), name, nil
}

// pages are the queries of the whole-graph export: every entity, and
// every relation but MENTIONS, by pages of the largest size.
var pages = []string{
	fmt.Sprintf(`query($after: String) { page: entities(orderBy: ID, first: %d, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, kg.MaxFirst),
	fmt.Sprintf(`query($after: String) { page: relations(first: %d, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { relation { id } } } }`, kg.MaxFirst),
}

// wholeGraph reads every entity and relation page by page, refusing a
// graph of more than MaxWholeGraph of either. The pages are read one after
// another, not in one snapshot: a load that runs meanwhile may show.
func (x exporter) wholeGraph(ctx context.Context) (*export.Graph, error) {
	var all []any
	for _, page := range pages {
		query, _, errs := export.Instrument(x.schema, page, "", x.maxTokens)
		if errs != nil {
			return nil, fmt.Errorf("whole-graph export: %v", errs)
		}
		var after any
		for {
			data, err := x.run(ctx, query, map[string]any{"after": after}, "")
			if err != nil {
				return nil, err
			}
			var p struct {
				Page struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
			if err := remarshal(data, &p); err != nil {
				return nil, err
			}
			if p.Page.TotalCount > MaxWholeGraph {
				return nil, refuse(http.StatusBadRequest, kg.EINVALID,
					"the graph is too large to export whole (%d %s; at most %d): export the answer of a query instead, such as a neighbourhood",
					p.Page.TotalCount, map[bool]string{true: "entities", false: "relations"}[page == pages[0]], MaxWholeGraph)
			}
			all = append(all, data)
			if !p.Page.PageInfo.HasNextPage {
				break
			}
			after = p.Page.PageInfo.EndCursor
		}
	}
	return export.Collect(all), nil
}

// run answers a query with the GraphQL handler, in process, and returns
// its data, or its errors as an exportError.
func (x exporter) run(ctx context.Context, query string, vars map[string]any, operationName string) (any, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars, "operationName": operationName})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(context.WithValue(ctx, exportKey{}, true), http.MethodPost, "/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	x.gql.ServeHTTP(rec, req)
	var res struct {
		Data   any               `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(rec.body.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("export: the GraphQL answer (%d) is not JSON: %w", rec.status, err)
	}
	if len(res.Errors) > 0 {
		return nil, &exportError{status: statusOf(res.Errors[0]), errors: res.Errors}
	}
	return res.Data, nil
}

// exportKey marks the context of a query an export runs (exporting).
type exportKey struct{}

// exporting reports whether ctx is that of a query an export runs (made
// by Instrument): the aliases the export adds do not count against the
// client's limit on aliases; the client's own still do.
func exporting(ctx context.Context) bool { v, _ := ctx.Value(exportKey{}).(bool); return v }

// statusOf is the HTTP status of an export refused with a GraphQL error.
func statusOf(e json.RawMessage) int {
	var v struct {
		Extensions struct{ Code string }
	}
	json.Unmarshal(e, &v)
	switch v.Extensions.Code {
	case "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", codeTooComplex:
		return http.StatusUnprocessableEntity // the query, not the request, is at fault
	case kg.ENOTFOUND:
		return http.StatusNotFound
	case kg.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case kg.EINTERNAL, "":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// fail answers an export refused with its coded errors; any other error
// is logged for the operator and shown as "Internal error.".
func (x exporter) fail(ctx context.Context, w http.ResponseWriter, err error) {
	e, ok := err.(*exportError)
	if !ok {
		x.log.ErrorContext(ctx, "export", "err", err)
		e = refuse(http.StatusInternalServerError, kg.EINTERNAL, "Internal error.")
	}
	var errs gqlerror.List
	for _, raw := range e.errors {
		var ge gqlerror.Error
		if json.Unmarshal(raw, &ge) == nil {
			errs = append(errs, &ge)
		}
	}
	writeJSON(w, e.status, map[string]any{"errors": answeredErrors(ctx, errs)})
}

func remarshal(from, to any) error {
	b, err := json.Marshal(from)
	if err == nil {
		err = json.Unmarshal(b, to)
	}
	return err
}

// recorder keeps the GraphQL handler's answer to an export's query.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(status int)      { r.status = status }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
