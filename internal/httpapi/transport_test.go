package httpapi_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const secret = "hunter2-do-not-log-me"

// TestBadRequests: what is not one well-formed GraphQL request gets a 4xx
// status and a coded error in the GraphQL-over-HTTP shape (errors, no
// data), whatever it holds; nothing of it reaches the log.
func TestBadRequests(t *testing.T) {
	log := &bytes.Buffer{}
	a := newAPIWith(t, seeded(t), testDefaults(), log)
	json := map[string]string{"Content-Type": "application/json"}
	query := `{ entity(id: \"org/pta\") { name } }`
	for _, c := range []struct {
		name, method, body string
		header             map[string]string
		status             int
	}{
		{"malformed JSON with a secret", "POST", `{"query": "{ __typename }", "variables": {"password": "` + secret + `"`, json, 400},
		{"a batch", "POST", `[{"query": "{ __typename }"}, {"query": "{ __typename }", "variables": {"p": "` + secret + `"}}]`, json, 400},
		{"a number as the query", "POST", `{"query": 42, "variables": {"p": "` + secret + `"}}`, json, 400},
		{"an object as the query", "POST", `{"query": {"q": "` + secret + `"}}`, json, 400},
		{"no query", "POST", `{"variables": {"p": "` + secret + `"}}`, json, 400},
		{"a null query", "POST", `{"query": null}`, json, 400},
		{"trailing garbage", "POST", `{"query": "` + query + `"} {"query": "` + secret + `"}`, json, 400},
		{"trailing text", "POST", `{"query": "` + query + `"}` + secret, json, 400},
		{"variables not an object", "POST", `{"query": "` + query + `", "variables": "` + secret + `"}`, json, 400},
		{"operationName not a string", "POST", `{"query": "` + query + `", "operationName": ["` + secret + `"]}`, json, 400},
		{"extensions not an object", "POST", `{"query": "` + query + `", "extensions": 0}`, json, 400},
		{"an empty body", "POST", ``, json, 400},
		{"a body of white space", "POST", "  \n ", json, 400},
		{"not JSON at all", "POST", secret, json, 400},
		{"no content type", "POST", `{"query": "` + query + `"}`, nil, 400},
		{"a form", "POST", `query=` + secret, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 400},
		{"GraphQL as the body", "POST", `{ __typename }`, map[string]string{"Content-Type": "application/graphql"}, 400},
		{"another charset", "POST", `{"query": "` + query + `"}`, map[string]string{"Content-Type": "application/json; charset=latin1"}, 400},
		{"a PUT", "PUT", `{"query": "` + query + `"}`, json, 405},
		{"a DELETE", "DELETE", ``, nil, 405},
		{"nothing acceptable", "POST", `{"query": "` + query + `"}`, map[string]string{"Content-Type": "application/json", "Accept": "text/html"}, 406},
		{"a websocket upgrade", "GET", ``, map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, 400},
	} {
		x := a.send(t, c.method, c.body, c.header)
		if x.status != c.status || x.r.code() != "BAD_REQUEST" || x.r.Data != nil || len(x.r.Errors) != 1 {
			t.Errorf("%s: %d %s, want %d with BAD_REQUEST", c.name, x.status, x.body, c.status)
		}
		if strings.Contains(string(x.body), secret) {
			t.Errorf("%s: the answer quotes the body: %s", c.name, x.body)
		}
		if ct := x.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/") || !strings.Contains(ct, "json") {
			t.Errorf("%s: content type %q", c.name, ct)
		}
	}
	for _, get := range []string{"", "variables=%7B", "query=%7B+__typename+%7D&variables=" + url.QueryEscape(`"`+secret+`"`), "query=%7B+__typename+%7D&extensions=%5B%5D"} {
		res, err := http.Get(a.srv.URL + "/graphql?" + get)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET ?%s: %d, want 400", get, res.StatusCode)
		}
	}
	if strings.Contains(log.String(), secret) || strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("the log holds a body or an error:\n%s", log.String())
	}
}

// TestErrorsLogNoRequestText: requests that fail in every way a client
// can make them fail, each carrying a secret in its query or variables,
// leave the secret out of the log, and log no ERROR for the client's
// mistakes.
func TestErrorsLogNoRequestText(t *testing.T) {
	log := &bytes.Buffer{}
	a := newAPIWith(t, seeded(t), testDefaults(), log)
	vars := map[string]any{"id": secret, "text": strings.Repeat(secret, 10), "date": secret, "cursor": secret} // a text too long
	for _, q := range []string{
		`query($id: ID!) { entity(id: $id) { name } }`,
		`query($id: ID!) { shortestPath(from: $id, to: "org/pta") { truncated } }`,
		`query($text: String!) { search(text: $text) { score } }`,
		`query($date: String) { relations(filter: {at: $date}) { totalCount } }`,
		`query($cursor: String) { entities(after: $cursor) { totalCount } }`,
		`query($id: ID!) { entity(id: $id) { nme } }`,
		`query($id: Int!) { __typename }`,
		`{ entity(id: "` + secret + `") { name `,
		`{ entity(id: "` + secret + `") { relations(first: 1000) { totalCount } } }`,
	} {
		r := a.query(t, q, vars)
		if len(r.Errors) == 0 || r.code() == "INTERNAL" {
			t.Errorf("%s: %+v", q, r.Errors)
		}
	}
	if strings.Contains(log.String(), secret) || strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("the log holds request text or an error:\n%s", log.String())
	}
}

// TestMediaTypes: the response's media type is the one the client
// accepts; with application/graphql-response+json a request that is not
// executed is a 400, with application/json a 200 (GraphQL over HTTP).
func TestMediaTypes(t *testing.T) {
	a := newAPI(t, seeded(t))
	for _, c := range []struct {
		accept, query string
		status        int
		media         string
	}{
		{"", `{ __typename }`, 200, "application/json"},
		{"*/*", `{ __typename }`, 200, "application/json"},
		{"application/graphql-response+json", `{ __typename }`, 200, "application/graphql-response+json"},
		{"application/json;q=0.5, application/graphql-response+json", `{ __typename }`, 200, "application/graphql-response+json"},
		{"application/json", `{ nope }`, 200, "application/json"},
		{"application/graphql-response+json", `{ nope }`, 400, "application/graphql-response+json"},
		{"application/graphql-response+json", `{`, 400, "application/graphql-response+json"},
		{"application/graphql-response+json", aliasedInFragments(16, "__typename"), 400, "application/graphql-response+json"},
	} {
		x := a.send(t, "POST", `{"query": `+quote(c.query)+`}`, map[string]string{"Content-Type": "application/json", "Accept": c.accept})
		if x.status != c.status || !strings.HasPrefix(x.header.Get("Content-Type"), c.media) {
			t.Errorf("Accept %q, %s: %d %s, want %d %s", c.accept, c.query, x.status, x.header.Get("Content-Type"), c.status, c.media)
		}
	}
}

func quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
