package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/observe"
)

// The README's first curation example, as issue 17 writes it.
const ingestForum = `mutation {
  ingestDocument(input: {
    idempotencyKey: "2026-03-01-forum", clientMutationId: "c1"
    document: {title: "A forum in Islamabad", published: "2026-03-01", url: "https://example.org/forum",
               text: "The Islamabad Digital Policy Forum is an organisation based in Islamabad. Its founders met officials of the Pakistan Telecommunication Authority in March 2026."}
    entities: [{ref: "forum", kind: ORGANIZATION, name: "Islamabad Digital Policy Forum"}]
    relations: [{type: LOCATED_IN, from: "forum", to: "Islamabad", evidence: [{start: 0, end: 73}]}]
  }) { document { id } change { id seq } userErrors { code field message } clientMutationId }
}`

// recordingStore is the embedded store noting every write call and the
// reads a mutation's payload makes, so that a test can say a refused
// mutation reached no store.
type recordingStore struct {
	*memstore.Store
	mu    sync.Mutex
	calls []string
}

func (s *recordingStore) note(call string) {
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.mu.Unlock()
}

func (s *recordingStore) taken() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.calls
	s.calls = nil
	return out
}

func (s *recordingStore) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	s.note("Nodes")
	return s.Store.Nodes(ctx, ids, es, rs)
}

func (s *recordingStore) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	s.note("ResolveNames")
	return s.Store.ResolveNames(ctx, names)
}

func (s *recordingStore) IngestDocument(ctx context.Context, in kg.IngestDocumentInput) (*kg.IngestResult, error) {
	s.note("IngestDocument")
	return s.Store.IngestDocument(ctx, in)
}

func (s *recordingStore) CreateEntity(ctx context.Context, in kg.CreateEntityInput) (*kg.EntityResult, error) {
	s.note("CreateEntity")
	return s.Store.CreateEntity(ctx, in)
}

func (s *recordingStore) UpdateEntity(ctx context.Context, in kg.UpdateEntityInput) (*kg.EntityResult, error) {
	s.note("UpdateEntity")
	return s.Store.UpdateEntity(ctx, in)
}

func (s *recordingStore) AssertRelation(ctx context.Context, in kg.AssertRelationInput) (*kg.RelationResult, error) {
	s.note("AssertRelation")
	return s.Store.AssertRelation(ctx, in)
}

func (s *recordingStore) RetractRelation(ctx context.Context, in kg.RetractRelationInput) (*kg.RelationResult, error) {
	s.note("RetractRelation")
	return s.Store.RetractRelation(ctx, in)
}

func (s *recordingStore) DeleteDocument(ctx context.Context, in kg.DeleteDocumentInput) (*kg.DeleteDocumentResult, error) {
	s.note("DeleteDocument")
	return s.Store.DeleteDocument(ctx, in)
}

func (s *recordingStore) MergeEntities(ctx context.Context, in kg.MergeEntitiesInput) (*kg.MergeResult, error) {
	s.note("MergeEntities")
	return s.Store.MergeEntities(ctx, in)
}

func (s *recordingStore) RevertChange(ctx context.Context, in kg.RevertChangeInput) (*kg.RevertResult, error) {
	s.note("RevertChange")
	return s.Store.RevertChange(ctx, in)
}

func (s *recordingStore) History(ctx context.Context, id string, first int, after string) (*kg.ChangePage, error) {
	s.note("History")
	return s.Store.History(ctx, id, first, after)
}

func (s *recordingStore) Changes(ctx context.Context, after string, first int, f kg.ChangeFilter) (*kg.ChangePage, error) {
	s.note("Changes")
	return s.Store.Changes(ctx, after, first, f)
}

var _ kg.Writer = (*recordingStore)(nil)

// bootstrapKey is the test's KGQL_ADMIN_KEY.
const bootstrapKey = "kgql-test-bootstrap-admin-key-of-40-characters"

// writeAPI is the real handler over the seeded embedded store, recorded,
// with API keys in the store, HS256 tokens and a bootstrap admin key; its
// /metrics on admin.
type writeAPI struct {
	*observedAPI
	store *recordingStore
}

func newWriteAPI(t *testing.T, cfg httpapi.Config) *writeAPI {
	t.Helper()
	store := &recordingStore{Store: seeded(t)}
	a, err := auth.New(context.Background(), auth.Config{BootstrapKey: bootstrapKey, JWTSecret: jwtSecret, Issuer: "https://id.example", Audience: "kgql"}, store)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Auth = a
	return &writeAPI{observedAPI: observedWith(t, store, unhurried(cfg), observe.New(observe.Options{StoreSystem: observe.SystemEmbedded}), io.Discard), store: store}
}

// post sends a query and variables as JSON with the bearer credentials.
func (a *writeAPI) post(t *testing.T, bearer, query string, vars map[string]any) *exchange {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	h := map[string]string{"Content-Type": "application/json"}
	if bearer != "" {
		h["Authorization"] = "Bearer " + bearer
	}
	return sendRaw(t, a.URL, http.MethodPost, string(body), h)
}

// done is post that fails the test on a top-level error.
func (a *writeAPI) done(t *testing.T, bearer, query string, vars map[string]any) map[string]any {
	t.Helper()
	x := a.post(t, bearer, query, vars)
	if x.status != http.StatusOK || len(x.r.Errors) > 0 || x.r.Data == nil {
		t.Fatalf("status %d: %s", x.status, x.body)
	}
	return x.r.Data
}

// Every mutation as a client names it, each with the least input that
// reaches its writer.
var everyMutation = map[string]string{
	"ingestDocument":  ingestForum,
	"createEntity":    `mutation { createEntity(input: {kind: PERSON, name: "Ada Example", aliases: ["A. Example"]}) { entity { id } change { id } userErrors { code } } }`,
	"updateEntity":    `mutation { updateEntity(input: {id: "org/pta", description: "The regulator."}) { change { id } userErrors { code } } }`,
	"assertRelation":  `mutation { assertRelation(input: {relation: {type: LOCATED_IN, from: "PTA", to: "Islamabad", evidence: [{document: "doc/x", start: 0, end: 5}]}}) { change { id } userErrors { code } } }`,
	"retractRelation": `mutation { retractRelation(input: {id: "rel/x", reason: "wrong"}) { change { id } userErrors { code } } }`,
	"deleteDocument":  `mutation { deleteDocument(input: {id: "doc/x"}) { change { id } userErrors { code } } }`,
	"mergeEntities":   `mutation { mergeEntities(input: {keep: "org/pta", drop: "org/comstech", dryRun: true}) { change { id } userErrors { code } } }`,
	"revertChange":    `mutation { revertChange(input: {id: "change/1"}) { change { id } userErrors { code } } }`,
}

// TestMutationsNeedAnEditor: every mutation without credentials is the
// top-level UNAUTHENTICATED saying how to get a key, with a reader key
// FORBIDDEN, and neither reaches the store; an editor key, a JWT of the
// editor role and the bootstrap admin key write; a revoked key is
// refused on its next request.
func TestMutationsNeedAnEditor(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	reader, _ := newKey(t, a.store, kg.RoleReader)
	editor, editorRec := newKey(t, a.store, kg.RoleEditor)
	for name, m := range everyMutation {
		x := a.post(t, "", m, nil)
		if x.status != http.StatusOK || x.r.code() != kg.EUNAUTHENTICATED || !strings.Contains(x.r.Errors[0].Message, "kgql keys create") || !strings.Contains(x.r.Errors[0].Message, "KGQL_ADMIN_KEY") {
			t.Errorf("%s without credentials: status %d, %s; want UNAUTHENTICATED saying how to get a key", name, x.status, x.body)
		}
		if x := a.post(t, reader, m, nil); x.r.code() != kg.EFORBIDDEN {
			t.Errorf("%s with a reader key: %s; want FORBIDDEN", name, x.body)
		}
		if calls := a.store.taken(); len(calls) > 0 {
			t.Errorf("%s refused, yet the store was called: %v", name, calls)
		}
	}

	create := `mutation($name: String!) { createEntity(input: {kind: PERSON, name: $name}) { entity { id } change { principal { id role method } } userErrors { code } } }`
	d := a.done(t, editor, create, map[string]any{"name": "Edith Editor"})
	if at(t, d, "createEntity.change.principal.id") != "key:"+editorRec.ID || at(t, d, "createEntity.change.principal.role") != "editor" {
		t.Errorf("an editor key's change: %v", d)
	}
	d = a.done(t, bootstrapKey, create, map[string]any{"name": "Adam Admin"})
	if at(t, d, "createEntity.change.principal.role") != "admin" || at(t, d, "createEntity.change.principal.method") == "" {
		t.Errorf("the bootstrap key's change: %v", d)
	}
	d = a.done(t, signedToken(t, "editor"), create, map[string]any{"name": "Jo Token"})
	if at(t, d, "createEntity.change.principal.id") != "jwt:https://id.example#ada" {
		t.Errorf("a JWT's change: %v", d)
	}
	if x := a.post(t, signedToken(t, "reader"), create, map[string]any{"name": "Rita Reader"}); x.r.code() != kg.EFORBIDDEN {
		t.Errorf("a reader's JWT: %s; want FORBIDDEN", x.body)
	}

	if err := a.store.RevokeKey(context.Background(), editorRec.ID, editorRec.Created); err != nil {
		t.Fatal(err)
	}
	a.store.taken()
	if x := a.post(t, editor, create, map[string]any{"name": "After Revocation"}); x.status != http.StatusUnauthorized || x.r.code() != kg.EUNAUTHENTICATED {
		t.Errorf("the revoked editor key, on the next request: status %d, %s", x.status, x.body)
	}
	if calls := a.store.taken(); len(calls) > 0 {
		t.Errorf("a revoked key reached the store: %v", calls)
	}
}

// TestMutationsOverHTTP runs each mutation as the issue names it: the
// README's ingest, its retry by idempotency key, a user error with its
// code and field path, change null when nothing changed, a retraction
// and its revert, a merge's dry run, and the history and
// change log paged by cursor.
func TestMutationsOverHTTP(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	editor, _ := newKey(t, a.store, kg.RoleEditor)

	first := a.done(t, editor, ingestForum, nil)
	ing := at(t, first, "ingestDocument").(map[string]any)
	if ing["clientMutationId"] != "c1" || len(ing["userErrors"].([]any)) != 0 || at(t, ing, "document.id") == nil || at(t, ing, "change.id") == nil {
		t.Fatalf("the README's ingest: %v", ing)
	}
	again := a.done(t, editor, ingestForum, nil)
	if b1, b2 := mustJSON(first), mustJSON(again); b1 != b2 {
		t.Errorf("a retry with the same idempotency key answered\n%s\nnot the first result\n%s", b2, b1)
	}
	changed := strings.Replace(ingestForum, "A forum in Islamabad", "Another title", 1)
	x := a.post(t, editor, changed, nil)
	if ues := list(t, x.r.Data, "ingestDocument.userErrors"); len(ues) != 1 || at(t, ues[0], "code") != kg.ECONFLICT ||
		mustJSON(at(t, ues[0], "field")) != `["input","idempotencyKey"]` {
		t.Errorf("the same key with another input: %s", x.body)
	}

	// A user error: evidence that is not whole sentences, with its path.
	bad := strings.Replace(strings.Replace(ingestForum, "end: 73", "end: 40", 1), `"2026-03-01-forum"`, `"bad-span"`, 1)
	x = a.post(t, editor, bad, nil)
	ues := list(t, x.r.Data, "ingestDocument.userErrors")
	if len(x.r.Errors) > 0 || len(ues) == 0 || at(t, ues[0], "code") != kg.EINVALID ||
		!strings.HasPrefix(mustJSON(at(t, ues[0], "field")), `["input","relations","0","evidence","0"`) || at(t, x.r.Data, "ingestDocument.change") != nil {
		t.Errorf("evidence cut mid-sentence: %s", x.body)
	}

	// createEntity, then retract one of the forum's relations, and revert it.
	d := a.done(t, editor, `mutation { createEntity(input: {kind: PERSON, name: "Ada Example", aliases: ["A. Example"]}) { entity { id name } change { id op } userErrors { code } } }`, nil)
	if at(t, d, "createEntity.entity.name") != "Ada Example" || at(t, d, "createEntity.change.op") == nil {
		t.Errorf("createEntity: %v", d)
	}
	forum := at(t, ing, "document.id").(string)
	d = a.done(t, editor, `query($doc: ID!) { relations(filter: {document: $doc}) { edges { relation { id } } } }`, map[string]any{"doc": forum})
	rel := at(t, d, "relations.edges.0.relation.id").(string)
	retract := `mutation($id: ID!) { retractRelation(input: {id: $id, reason: "a test"}) { change { id } userErrors { code field message } } }`
	d = a.done(t, editor, retract, map[string]any{"id": rel})
	retraction, _ := at(t, d, "retractRelation.change.id").(string)
	if retraction == "" {
		t.Fatalf("retractRelation: %v", d)
	}
	if d := a.done(t, editor, retract, map[string]any{"id": rel}); at(t, d, "retractRelation.change") != nil || len(list(t, d, "retractRelation.userErrors")) != 0 {
		t.Errorf("retracting a retracted relation changes nothing: %v", d)
	}
	d = a.done(t, editor, `mutation($id: ID!) { revertChange(input: {id: $id}) { reverted change { id reverts } userErrors { code } } }`, map[string]any{"id": retraction})
	if at(t, d, "revertChange.reverted") != retraction || at(t, d, "revertChange.change.reverts") != retraction {
		t.Errorf("revertChange: %v", d)
	}
	x = a.post(t, editor, `mutation { retractRelation(input: {id: "org/pta>LOCATED_IN>city/no-such", reason: "x"}) { change { id } userErrors { code field } } }`, nil)
	if ues := list(t, x.r.Data, "retractRelation.userErrors"); len(ues) != 1 || at(t, ues[0], "code") != kg.ENOTFOUND || mustJSON(at(t, ues[0], "field")) != `["input","id"]` {
		t.Errorf("retracting an unknown relation (%s): %s", rel, x.body)
	}

	// mergeEntities dry: the plan, and nothing written.
	d = a.done(t, editor, `mutation { mergeEntities(input: {keep: "org/pta", drop: "org/comstech", dryRun: true}) { keep drop plan { aliases } change { id } userErrors { code } } }`, nil)
	if at(t, d, "mergeEntities.change") != nil || at(t, d, "mergeEntities.keep") != "org/pta" || len(list(t, d, "mergeEntities.plan.aliases")) == 0 {
		t.Errorf("mergeEntities dry run: %v; want its plan and no change", d)
	}

	// The relation's history, then the whole log page by page.
	d = a.done(t, editor, `query($id: ID!) { history(id: $id) { edges { node { op reverts } } } }`, map[string]any{"id": rel})
	if ops := strs(t, d, "history.edges", "node.op"); len(ops) != 3 {
		t.Errorf("the retracted and restored relation's history: %v", ops)
	}
	var seqs []float64
	after := ""
	for page := 0; ; page++ {
		d = a.done(t, editor, `query($after: String) { changes(first: 2, after: $after) { edges { cursor node { seq op principal { role } } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": nilIfEmpty(after)})
		for _, e := range list(t, d, "changes.edges") {
			seqs = append(seqs, at(t, e, "node.seq").(float64))
		}
		if at(t, d, "changes.pageInfo.hasNextPage") != true {
			break
		}
		after = at(t, d, "changes.pageInfo.endCursor").(string)
		if page > 10 {
			t.Fatal("the log does not end")
		}
	}
	if len(seqs) != 4 { // ingest, create, retract, revert
		t.Errorf("the log holds seqs %v, want the 4 changes made", seqs)
	}
	for i := 1; i < len(seqs); i++ {
		if seqs[i] <= seqs[i-1] {
			t.Errorf("the log is not in seq order: %v", seqs)
		}
	}
	d = a.done(t, editor, `{ changes(filter: {ops: [RETRACT_RELATION]}) { edges { node { id } } } }`, nil)
	if ids := strs(t, d, "changes.edges", "node.id"); len(ids) != 1 || ids[0] != retraction {
		t.Errorf("the log filtered to retractions: %v", ids)
	}
	if x := a.post(t, editor, `{ changes(after: "garbage") { edges { cursor } } }`, nil); x.r.code() != kg.EINVALID {
		t.Errorf("a bad cursor: %s", x.body)
	}
}

// signedToken is an HS256 token of the test's issuer and audience with
// the role given.
func signedToken(t *testing.T, role string) string {
	t.Helper()
	c := jwt.MapClaims{"iss": "https://id.example", "aud": "kgql", "sub": "ada", "kgql_role": role, "exp": time.Now().Add(time.Hour).Unix()}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(jwtSecret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestMutationsRefusedCrossSite: a mutation over GET is 405, a form POST
// a cross-site page could send (no preflight) is refused before it is
// read, and a CORS preflight from an allowed origin lets pages send the
// Authorization header; none reaches the store.
func TestMutationsRefusedCrossSite(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	editor, _ := newKey(t, a.store, kg.RoleEditor)
	auth := map[string]string{"Authorization": "Bearer " + editor}

	get := sendRaw(t, a.URL+"/graphql?query="+url.QueryEscape(everyMutation["createEntity"])+"&", http.MethodGet, "", auth)
	if get.status != http.StatusMethodNotAllowed || get.r.code() != "BAD_REQUEST" || get.header.Get("Allow") != "POST" {
		t.Errorf("a mutation over GET: status %d, Allow %q, %s", get.status, get.header.Get("Allow"), get.body)
	}
	body := url.Values{"query": {everyMutation["createEntity"]}}.Encode()
	for _, ct := range []string{"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", "text/plain; charset=utf-8"} {
		h := map[string]string{"Content-Type": ct, "Authorization": "Bearer " + editor}
		x := sendRaw(t, a.URL, http.MethodPost, body, h)
		if x.status != http.StatusBadRequest || x.r.code() != "BAD_REQUEST" || x.r.Data != nil {
			t.Errorf("a form POST (%s): status %d, %s", ct, x.status, x.body)
		}
		// text/plain with a JSON body is what a cross-site form can send too.
		jb, _ := json.Marshal(map[string]string{"query": everyMutation["createEntity"]})
		if x := sendRaw(t, a.URL, http.MethodPost, string(jb), h); x.status != http.StatusBadRequest || x.r.Data != nil {
			t.Errorf("JSON sent as %s: status %d, %s", ct, x.status, x.body)
		}
	}
	if calls := a.store.taken(); len(calls) > 0 {
		t.Errorf("refused requests reached the store: %v", calls)
	}

	h := httpapi.WithCORSAuth([]string{"https://curate.example"}, httpapi.New(a.store, discardLog(), unhurried(testDefaults()), observe.New(observe.Options{})))
	srv := newServer(t, h)
	req, _ := http.NewRequest(http.MethodOptions, srv+"/graphql", nil)
	req.Header.Set("Origin", "https://curate.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
	res, _ := send(t, req)
	allowed := strings.ToLower(res.Header.Get("Access-Control-Allow-Headers"))
	if res.StatusCode != http.StatusNoContent || !strings.Contains(allowed, "authorization") || !strings.Contains(allowed, "content-type") ||
		res.Header.Get("Access-Control-Allow-Origin") != "https://curate.example" || res.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("preflight of a mutation: %d %v", res.StatusCode, res.Header)
	}
	if m := res.Header.Get("Access-Control-Allow-Methods"); strings.Contains(m, "PUT") || strings.Contains(m, "DELETE") {
		t.Errorf("the preflight allows more methods than GraphQL uses: %q", m)
	}
	req.Header.Set("Origin", "https://evil.example")
	if res, _ := send(t, req); res.Header.Get("Access-Control-Allow-Origin") != "" || res.Header.Get("Access-Control-Allow-Headers") != "" {
		t.Errorf("a preflight from another origin was answered: %v", res.Header)
	}
}

// TestMutationsAreObserved: a mutation's store call is in /metrics, as a
// query's are.
func TestMutationsAreObserved(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	a.done(t, bootstrapKey, ingestForum, nil)
	a.done(t, bootstrapKey, `{ changes { edges { node { id } } } }`, nil)
	text := scrape(t, a.admin)
	for _, line := range []string{
		`kgql_store_call_duration_seconds_count{call="IngestDocument"} 1`,
		`kgql_store_call_duration_seconds_count{call="Changes"} 1`,
		`kgql_store_call_duration_seconds_count{call="RevertChange"} 0`,
	} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
}

// TestInputAtItsCap: the body limit admits an ingest whose text is at
// kg.MaxInputBytes, which is written; one byte more is refused with the
// input's coded error, at its path, before any store call.
func TestInputAtItsCap(t *testing.T) {
	if httpapi.Defaults().MaxBodyBytes < kg.MaxInputBytes {
		t.Fatalf("the default body limit %d is below the input's cap %d", httpapi.Defaults().MaxBodyBytes, kg.MaxInputBytes)
	}
	a := newWriteAPI(t, testDefaults())
	ingest := `mutation($in: IngestDocumentInput!) { ingestDocument(input: $in) { change { id } userErrors { code field message } } }`
	input := func(extra int) map[string]any {
		text := strings.Repeat("𝔸", kg.MaxDocumentChars-1) + "." // 4-byte runes: the most bytes a text may have
		n := len("Big") + len(text)
		var entities []any
		for i := 0; n < kg.MaxInputBytes+extra; i++ {
			ref, name := fmt.Sprintf("e%d", i), fmt.Sprintf("Padding Organisation %d", i)
			n += len(ref) + len(name)
			desc := strings.Repeat("d", min(kg.MaxTextChars, kg.MaxInputBytes+extra-n))
			n += len(desc)
			entities = append(entities, map[string]any{"ref": ref, "kind": "ORGANIZATION", "name": name, "description": desc})
		}
		if n != kg.MaxInputBytes+extra {
			t.Fatalf("built %d bytes of text, want %d", n, kg.MaxInputBytes+extra)
		}
		return map[string]any{"document": map[string]any{"title": "Big", "text": text}, "entities": entities}
	}
	over := a.post(t, bootstrapKey, ingest, map[string]any{"in": input(1)})
	ues := list(t, over.r.Data, "ingestDocument.userErrors")
	if over.status != http.StatusOK || len(ues) != 1 || at(t, ues[0], "code") != kg.EINVALID || mustJSON(at(t, ues[0], "field")) != `["input"]` ||
		!strings.Contains(at(t, ues[0], "message").(string), fmt.Sprint(kg.MaxInputBytes)) {
		t.Errorf("one byte over the cap: status %d, %.2000s", over.status, over.body)
	}
	if calls := a.store.taken(); len(calls) > 0 {
		t.Errorf("an input over its cap reached the store: %v", calls)
	}
	at1 := a.post(t, bootstrapKey, ingest, map[string]any{"in": input(0)})
	if at1.status != http.StatusOK || len(at1.r.Errors) > 0 || at(t, at1.r.Data, "ingestDocument.change") == nil {
		t.Errorf("an input at its cap: status %d, %.2000s", at1.status, at1.body)
	}
}

// TestMutationsArePriced: a mutation is priced as a query is, and one
// above the cost limit is refused before any store call.
func TestMutationsArePriced(t *testing.T) {
	cfg := testDefaults()
	cfg.MaxCost = 1000
	a := newWriteAPI(t, cfg)
	x := a.post(t, bootstrapKey, everyMutation["createEntity"], nil)
	if x.r.cost() == 0 || x.r.cost() > cfg.MaxCost || len(x.r.Errors) > 0 {
		t.Fatalf("a cheap mutation: %s", x.body)
	}
	a.store.taken()
	x = a.post(t, bootstrapKey, ingestForum, nil) // its document, change and payload price it above 1,000
	if x.r.code() != "QUERY_TOO_COMPLEX" || x.r.Data != nil {
		t.Errorf("a mutation above the cost limit: %s", x.body)
	}
	if calls := a.store.taken(); len(calls) > 0 {
		t.Errorf("a mutation refused for its cost reached the store: %v", calls)
	}
}

// TestREADMECurating runs the graphql examples of the README's Curating
// section in order, with the bootstrap key, as a reader of it would: each
// must answer without an error, top-level or in its payload, and its
// first one is the ingest verbatim but for the operation's name,
// which titles its playground tab.
func TestREADMECurating(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Curating\n")
	section, _, _ = strings.Cut(section, "\n## ")
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllStringSubmatch(section, -1)
	if len(blocks) < 4 || strings.TrimSpace(blocks[0][1]) != strings.Replace(ingestForum, "mutation {", "mutation IngestForum {", 1) {
		t.Fatalf("the Curating section has %d examples, the first not the issue's ingest", len(blocks))
	}
	if !strings.Contains(section, "mergeEntities(input: {keep:") {
		t.Error("the README's Curating section must show a merge")
	}
	a := newWriteAPI(t, testDefaults())
	for _, b := range blocks {
		d := a.done(t, bootstrapKey, b[1], nil)
		for field, v := range d {
			if p, ok := v.(map[string]any); ok && p["userErrors"] != nil && len(p["userErrors"].([]any)) > 0 {
				t.Errorf("%s: %v", field, p["userErrors"])
			}
		}
	}
	d := a.done(t, bootstrapKey, `{ changes { edges { node { id op } } } }`, nil)
	if ops := strs(t, d, "changes.edges", "node.op"); strings.Join(ops, " ") != "INGEST_DOCUMENT RETRACT_RELATION REVERT_CHANGE CREATE_ENTITY CREATE_ENTITY MERGE_ENTITIES" {
		t.Errorf("the examples made the changes %v, want ingest, retract, revert, create, and a create and its merge", ops)
	}
	// The merged duplicate's alias answers with the kept forum.
	d = a.done(t, bootstrapKey, `{ entity(id: "IDPF") { id aliases } }`, nil)
	if at(t, d, "entity.id") != "org/islamabad-digital-policy-forum" {
		t.Errorf("the merged duplicate's alias reads %v, want the forum", d)
	}
}
