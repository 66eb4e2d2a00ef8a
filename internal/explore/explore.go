// Package explore serves the explorer page, /explore: a drawing of the
// graph that grows by clicking, with search, filters, shortest paths,
// evidence and exports, built from src/ by esbuild (build.mjs) into dist/,
// which is committed and embedded so that the binary serves the page with
// nothing but Go, offline. Every request the page makes goes to its own
// origin (/graphql, /export).
package explore

// `make explore` runs these: the build tools from the lockfile (noting
// which lockfile node_modules holds, as scripts/browser-deps.sh does),
// then the build into dist/.
//
//go:generate npm ci --no-audit --no-fund
//go:generate cp package-lock.json node_modules/.kgql-lock
//go:generate node build.mjs

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed dist
var dist embed.FS

// file is a built asset, kept gzipped too for clients that accept it.
type file struct {
	contentType string
	etag        string
	raw, gz     []byte
}

// contentTypes are fixed here rather than read from the system's MIME
// tables, which differ between machines.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

var (
	filesOnce sync.Once
	files     map[string]*file
)

// loadFiles reads dist once and gzips each file.
func loadFiles() {
	files = map[string]*file{}
	fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(raw)
		zw.Close()
		ctype, ok := contentTypes[path.Ext(p)]
		if !ok {
			ctype = "text/plain; charset=utf-8"
		}
		sum := sha256.Sum256(raw)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		files[strings.TrimPrefix(p, "dist/")] = &file{contentType: ctype, etag: etag, raw: raw, gz: gz.Bytes()}
		return nil
	})
}

// Handler serves the page at /explore and its assets at /explore/NAME.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		filesOnce.Do(loadFiles)
		name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/explore"), "/")
		if name == "" {
			name = "index.html"
		}
		f := files[name]
		if f == nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Header().Set("Vary", "Accept-Encoding")
		// Revalidated on every load, so that a new binary's page shows at
		// once; unchanged files cost a 304.
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("ETag", f.etag)
		if r.Header.Get("If-None-Match") == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := f.raw
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			body = f.gz
		}
		w.Write(body)
	})
}
