package httpapi

import (
	"compress/gzip"
	"embed"
	"io"
	"net/http"
	"path"
	"strings"
)

// The playground is GraphiQL served from the binary (assets/), not from a
// CDN, so it works offline.
//
//go:embed assets/*.gz
var assets embed.FS

const playgroundHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kgql playground</title>
<link rel="stylesheet" href="/playground/graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/react.production.min.js"></script>
<script src="/playground/react-dom.production.min.js"></script>
<script src="/playground/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = ` + "`" + `# kgql: a knowledge graph of actors and their relations, with evidence.
# Press the run button (or Ctrl-Enter). The docs panel lists every field.

# Who chairs PTA?
{
  entity(id: "org/pta") {
    name
    relations(filter: {types: [HOLDS_POSITION]}) {
      edges {
        relation { role evidence { excerpt date { value } document { title } } }
        node { name ... on Person { title } }
      }
    }
  }
}
` + "`" + `;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>
`

func playgroundPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, playgroundHTML)
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
