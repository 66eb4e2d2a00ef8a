package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/kg"
)

// codeBadRequest is the extensions.code of a request that is not a
// well-formed GraphQL-over-HTTP request: a body that is not one JSON
// object with a string query, a batch, an unknown method or media type.
const codeBadRequest = "BAD_REQUEST"

// Media types of a response (GraphQL over HTTP). With
// application/graphql-response+json a request that is not executed
// (unparsable, invalid, refused by a limit) answers 400; with
// application/json, the legacy type, it answers 200, as the spec says.
const (
	mediaJSON        = "application/json"
	mediaGraphQLJSON = "application/graphql-response+json"
	allowedMethods   = "GET, POST, OPTIONS"
)

// httpTransport serves GraphQL over HTTP, GET and POST, as the
// GraphQL-over-HTTP spec says, and answers every request it cannot read
// with a 4xx status and a coded error in the spec's shape (BAD_REQUEST;
// 413 beyond the body limit) rather than leaving it to gqlgen, which
// would log the body. It is the server's only transport: it supports
// every request.
type httpTransport struct {
	maxBody int64
	budget  *budgets // the cost of each operation, once priced
}

var _ graphql.Transport = httpTransport{}

func (httpTransport) Supports(*http.Request) bool { return true }

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeRequestError(ctx, w, mediaJSON, &requestError{status: http.StatusNotAcceptable,
			message: "The Accept header admits neither " + mediaGraphQLJSON + " nor " + mediaJSON + "."})
		return
	}
	start := graphql.Now()
	var params *graphql.RawParams
	var rerr *requestError
	switch r.Method {
	case http.MethodGet:
		params, rerr = paramsFromURL(r.URL.RawQuery)
	case http.MethodPost:
		params, rerr = t.paramsFromBody(w, r)
	case http.MethodOptions:
		w.Header().Set("Allow", allowedMethods)
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		w.Header().Set("Allow", allowedMethods)
		rerr = &requestError{status: http.StatusMethodNotAllowed, message: "GraphQL is served over GET and POST."}
	}
	if rerr != nil {
		if rerr.status == http.StatusRequestEntityTooLarge {
			w.Header().Set("Connection", "close") // not worth reading the rest of
		}
		writeRequestError(ctx, w, media, rerr)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	op, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		for _, e := range errs {
			if e.Extensions["code"] == nil { // gqlgen's own, such as a malformed APQ extension
				e.Extensions = map[string]any{"code": codeBadRequest}
			}
		}
		status := http.StatusOK
		if media == mediaGraphQLJSON {
			status = http.StatusBadRequest
		}
		writeRefusal(ctx, w, media, status, exec.DispatchError(graphql.WithOperationContext(ctx, op), errs))
		return
	}
	if r.Method == http.MethodGet && op.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		writeRequestError(ctx, w, media, &requestError{status: http.StatusMethodNotAllowed, message: "Only queries are served over GET."})
		return
	}
	if cost, ok := op.Stats.GetExtension(costExtension).(int); ok && t.budget != nil {
		release, wait, limit := t.budget.admitCost(kg.PrincipalFrom(ctx), cost)
		if release == nil {
			refuseBudget(ctx, w, media, limit, t.budget.max(limit), wait)
			return
		}
		defer release()
	}
	responses, ctx := exec.DispatchOperation(ctx, op)
	resp := responses(ctx)
	if resp == nil { // the executor answers nothing once the request's context is done
		err := kg.ContextError(ctx)
		if err == nil {
			err = errors.New("the executor gave no response")
		}
		resp = exec.DispatchError(ctx, gqlerror.List{gqlerror.WrapPath(nil, err)})
	}
	writeResponse(ctx, w, media, http.StatusOK, resp)
}

// requestError is a request that cannot be read as a GraphQL request.
type requestError struct {
	status  int
	message string
	limit   string // the limit it exceeds, if that is why
	max     int64
}

// paramsFromBody reads a POST: one JSON object, of a size within the
// limit, in application/json (UTF-8).
func (t httpTransport) paramsFromBody(w http.ResponseWriter, r *http.Request) (*graphql.RawParams, *requestError) {
	media, mparams, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case r.Header.Get("Content-Type") == "":
		return nil, &requestError{status: http.StatusBadRequest, message: "A POST needs Content-Type: application/json."}
	case err != nil || media != mediaJSON:
		return nil, &requestError{status: http.StatusBadRequest, message: "The body must be application/json."}
	case mparams["charset"] != "" && !strings.EqualFold(mparams["charset"], "utf-8"):
		return nil, &requestError{status: http.StatusBadRequest, message: "The body must be UTF-8."}
	}
	tooLarge := &requestError{status: http.StatusRequestEntityTooLarge, limit: "body-bytes", max: t.maxBody,
		message: fmt.Sprintf("The body is larger than %d bytes.", t.maxBody)}
	if r.ContentLength > t.maxBody {
		return nil, tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, t.maxBody))
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		return nil, tooLarge
	case err != nil:
		return nil, &requestError{status: http.StatusBadRequest, message: "The body could not be read."}
	case len(bytes.TrimSpace(body)) == 0:
		return nil, &requestError{status: http.StatusBadRequest, message: "The body is empty: send a JSON object with a query."}
	}
	return decodeParams(body)
}

// decodeParams reads the body's one JSON object: query a string,
// operationName a string or null, variables and extensions objects or
// null. A batch (an array) is refused: one operation per request.
func decodeParams(body []byte) (*graphql.RawParams, *requestError) {
	bad := func(format string, args ...any) *requestError {
		return &requestError{status: http.StatusBadRequest, message: fmt.Sprintf(format, args...)}
	}
	if trimmed := bytes.TrimSpace(body); trimmed[0] == '[' {
		return nil, bad("Batched requests are not served: send one operation per request.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil {
		return nil, bad("The body is not a JSON object: %s.", jsonProblem(err))
	}
	if fields == nil {
		return nil, bad("The body is not a JSON object.")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, bad("The body holds more than one JSON value.")
	}
	return paramsOf(fields, bad)
}

// paramsOf checks the members of a request, from a body or a URL.
func paramsOf(fields map[string]json.RawMessage, bad func(string, ...any) *requestError) (*graphql.RawParams, *requestError) {
	p := &graphql.RawParams{}
	if err := decodeMember(fields, "extensions", &p.Extensions); err != nil {
		return nil, bad("extensions must be an object or null.")
	}
	if err := decodeMember(fields, "query", &p.Query); err != nil {
		return nil, bad("query must be a string.")
	}
	if !present(fields, "query") && p.Extensions["persistedQuery"] == nil {
		return nil, bad("The request has no query.")
	}
	if err := decodeMember(fields, "operationName", &p.OperationName); err != nil {
		return nil, bad("operationName must be a string or null.")
	}
	if err := decodeMember(fields, "variables", &p.Variables); err != nil {
		return nil, bad("variables must be an object or null.")
	}
	return p, nil
}

// decodeMember decodes fields[name], when present and not null, into v,
// which must take its JSON type exactly (a string, an object).
func decodeMember(fields map[string]json.RawMessage, name string, v any) error {
	if !present(fields, name) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(fields[name]))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}

// present reports whether a member is there and not null.
func present(fields map[string]json.RawMessage, name string) bool {
	raw, ok := fields[name]
	return ok && string(bytes.TrimSpace(raw)) != "null"
}

// paramsFromURL reads a GET: query, operationName, and variables and
// extensions as JSON, from the URL's query string.
func paramsFromURL(raw string) (*graphql.RawParams, *requestError) {
	bad := func(format string, args ...any) *requestError {
		return &requestError{status: http.StatusBadRequest, message: fmt.Sprintf(format, args...)}
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return nil, bad("The URL's query string is malformed.")
	}
	fields := map[string]json.RawMessage{}
	for _, name := range []string{"query", "operationName"} {
		if values.Has(name) {
			fields[name], _ = json.Marshal(values.Get(name))
		}
	}
	for _, name := range []string{"variables", "extensions"} {
		if v := values.Get(name); v != "" {
			if !json.Valid([]byte(v)) {
				return nil, bad("%s is not JSON.", name)
			}
			fields[name] = json.RawMessage(v)
		}
	}
	return paramsOf(fields, bad)
}

// jsonProblem says what is wrong with a body, without quoting it.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return "malformed JSON at byte " + strconv.FormatInt(syntax.Offset, 10)
	case errors.As(err, &typ):
		return "a JSON " + typ.Value + " where an object was expected"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the JSON ends too soon"
	}
	return "malformed JSON"
}

// negotiate picks the response's media type from Accept: the acceptable
// one of highest quality, application/json when Accept is absent or
// admits anything.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	best, bestQ := "", 0.0
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(s, 64); err != nil {
				continue
			}
		}
		var media string
		switch mt {
		case mediaGraphQLJSON:
			media = mediaGraphQLJSON
		case mediaJSON, "*/*", "application/*":
			media = mediaJSON
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = media, q
		}
	}
	return best, best != ""
}

// writeRequestError answers a request that was not executed.
func writeRequestError(ctx context.Context, w http.ResponseWriter, media string, e *requestError) {
	ext := map[string]any{"code": codeBadRequest}
	if e.limit != "" {
		ext["limit"], ext["max"] = e.limit, e.max
	}
	writeRefusal(ctx, w, media, e.status, &graphql.Response{Errors: gqlerror.List{{Message: e.message, Extensions: ext}}})
}

// writeResponse writes the response of an executed operation: its data,
// null included.
func writeResponse(ctx context.Context, w http.ResponseWriter, media string, status int, resp *graphql.Response) {
	resp.Errors = answeredErrors(ctx, resp.Errors)
	write(w, media, status, resp)
}

// notExecuted is the response of a request refused before execution:
// errors, and no data entry at all (GraphQL over HTTP).
type notExecuted struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// writeRefusal writes the response of a request that was not executed.
func writeRefusal(ctx context.Context, w http.ResponseWriter, media string, status int, resp *graphql.Response) {
	write(w, media, status, notExecuted{Errors: answeredErrors(ctx, resp.Errors), Extensions: resp.Extensions})
}

func write(w http.ResponseWriter, media string, status int, resp any) {
	b, err := json.Marshal(resp)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errors":[{"message":"Internal error.","extensions":{"code":"INTERNAL"}}]}`)
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}
