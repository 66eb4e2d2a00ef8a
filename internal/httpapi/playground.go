package httpapi

import (
	"compress/gzip"
	"embed"
	"encoding/json"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/kgql/kgql"
)

// The playground is GraphiQL served from the binary (assets/), not from a
// CDN, so it works offline.
//
//go:embed assets/*.gz
var assets embed.FS

// The playground opens with one tab per example of the README (each
// titled by its operation's name), which is their one source; GraphiQL
// keeps a visitor's own tabs in the browser's storage after that. Its
// logo links to the explorer, /explore, which links back.
const playgroundHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kgql playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground/graphiql.min.css">
<style>
html, body, #graphiql { height: 100%; margin: 0; }
#explore-link { font-size: 15px; font-weight: 600; white-space: nowrap; text-decoration: none; color: hsl(var(--color-primary)); }
</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultTabs = EXAMPLES;
const logo = React.createElement(GraphiQL.Logo, null,
  React.createElement('a', { id: 'explore-link', href: '/explore', title: 'kgql explorer: draw the graph (search, expand, paths, evidence, exports)' }, 'Explorer →'));
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs, defaultEditorToolsVisibility: true, isHeadersEditorEnabled: true }, logo));
</script>
</body>
</html>
`

// playgroundPageHTML is the page with the README's examples as its tabs.
var playgroundPageHTML = strings.Replace(playgroundHTML, "EXAMPLES", examplesJSON(), 1)

// examplesJSON gives the README's examples as GraphiQL's tabs, in JSON
// that is safe inside a script element (json.Marshal escapes <, > and &).
func examplesJSON() string {
	type tab struct {
		Query string `json:"query"`
	}
	var tabs []tab
	for _, q := range kgql.Examples() {
		tabs = append(tabs, tab{Query: q})
	}
	b, err := json.Marshal(tabs)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func playgroundPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, playgroundPageHTML)
	})
}

// playgroundAssets serves the gzipped assets as they are to clients that
// accept gzip (every browser), and unzipped to others.
func playgroundAssets() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		f, err := assets.Open("assets/" + name + ".gz")
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		if strings.HasSuffix(name, ".css") {
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		} else {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Header().Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			io.Copy(w, f)
			return
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			http.Error(w, "corrupt asset", http.StatusInternalServerError)
			return
		}
		io.Copy(w, zr)
	})
}
