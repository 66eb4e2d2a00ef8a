// Command neo4jping checks that a Neo4j server answers a Cypher query over Bolt.
//
// scripts/neo4j.sh uses it as the definitive readiness check. With -fulltext it
// also creates a throwaway full-text index, queries it and removes it again.
//
// Connection settings come from NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD, falling
// back to the development server started by scripts/neo4j.sh.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

func main() {
	uri := flag.String("uri", defaultURI(), "Bolt URI")
	user := flag.String("user", envOr("NEO4J_USER", "neo4j"), "user name")
	password := flag.String("password", envOr("NEO4J_PASSWORD", "kgql-dev-password"), "password")
	wait := flag.Duration("wait", 0, "keep retrying connection errors for this long")
	fulltext := flag.Bool("fulltext", false, "also check that a full-text index can be created and queried")
	flag.Parse()

	ctx, cancel := context.WithTimeout(context.Background(), *wait+30*time.Second)
	defer cancel()
	version, err := ping(ctx, *uri, *user, *password, *wait)
	if err == nil && *fulltext {
		err = checkFulltext(ctx, *uri, *user, *password)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "neo4jping: %s: %v\n", *uri, err)
		os.Exit(1)
	}
	msg := "ok"
	if *fulltext {
		msg = "ok, full-text index created, queried and dropped"
	}
	fmt.Fprintf(os.Stderr, "neo4jping: %s (%s): %s\n", *uri, version, msg)
}

func defaultURI() string {
	if u := os.Getenv("NEO4J_URI"); u != "" {
		return u
	}
	return "bolt://127.0.0.1:" + envOr("NEO4J_BOLT_PORT", "7687")
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// newDriver disables the driver's own retries (30s by default) so that ping
// controls how long to wait.
func newDriver(uri, user, password string) (neo4j.DriverWithContext, error) {
	return neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, password, ""), func(c *config.Config) {
		c.MaxTransactionRetryTime = 0
		c.SocketConnectTimeout = 5 * time.Second
	})
}

// ping runs a query and returns the server version. Connection errors are
// retried until wait elapses; authentication errors are not (retrying them
// only triggers Neo4j's login rate limit).
func ping(ctx context.Context, uri, user, password string, wait time.Duration) (string, error) {
	driver, err := newDriver(uri, user, password)
	if err != nil {
		return "", err
	}
	defer driver.Close(ctx)
	deadline := time.Now().Add(wait)
	for {
		res, err := neo4j.ExecuteQuery(ctx, driver,
			"CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
			nil, neo4j.EagerResultTransformer)
		if err == nil {
			v, _ := res.Records[0].Get("v")
			return fmt.Sprint(v), nil
		}
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) || time.Now().After(deadline) || ctx.Err() != nil {
			return "", err
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// checkFulltext exercises the Lucene-backed full-text index end to end using a
// uniquely named index and label, and cleans up after itself.
func checkFulltext(ctx context.Context, uri, user, password string) (err error) {
	driver, err := newDriver(uri, user, password)
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	suffix := fmt.Sprintf("%d", time.Now().UnixNano())
	index, label := "kgqlping_ft_"+suffix, "KgqlPing_"+suffix
	run := func(q string, params map[string]any) (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer)
	}
	// Labels and index names cannot be parameters; both are generated above.
	if _, err := run("CREATE FULLTEXT INDEX "+index+" FOR (n:"+label+") ON EACH [n.name, n.description]", nil); err != nil {
		return fmt.Errorf("create full-text index: %w", err)
	}
	defer func() {
		_, e1 := run("DROP INDEX "+index+" IF EXISTS", nil)
		_, e2 := run("MATCH (n:"+label+") DELETE n", nil)
		if err == nil {
			err = errors.Join(e1, e2)
		}
	}()
	if _, err := run("CALL db.awaitIndex($i, 60)", map[string]any{"i": index}); err != nil {
		return fmt.Errorf("await index: %w", err)
	}
	if _, err := run("UNWIND $rows AS r CREATE (n:"+label+") SET n = r", map[string]any{"rows": []any{
		map[string]any{"name": "Knowledge graphs", "description": "Entities linked by typed relations"},
		map[string]any{"name": "GraphQL", "description": "A query language for APIs"},
	}}); err != nil {
		return fmt.Errorf("create nodes: %w", err)
	}
	res, err := run("CALL db.index.fulltext.queryNodes($i, $q) YIELD node, score RETURN node.name AS name, score",
		map[string]any{"i": index, "q": "relat*"})
	if err != nil {
		return fmt.Errorf("query full-text index: %w", err)
	}
	if len(res.Records) != 1 {
		return fmt.Errorf("full-text query returned %d rows, want 1", len(res.Records))
	}
	if name, _ := res.Records[0].Get("name"); name != "Knowledge graphs" {
		return fmt.Errorf("full-text query returned %v, want %q", name, "Knowledge graphs")
	}
	return nil
}
