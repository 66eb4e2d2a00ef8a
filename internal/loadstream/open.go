package loadstream

import (
	"compress/gzip"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"github.com/kgql/kgql/internal/kg"
)

// IsStream reports whether a `kgql load` argument names an NDJSON stream
// rather than a seed directory: "-" (stdin) or a file named *.ndjson or
// *.jsonl, optionally gzipped (.gz).
func IsStream(arg string) bool {
	if arg == "-" {
		return true
	}
	name := strings.TrimSuffix(arg, ".gz")
	return strings.HasSuffix(name, ".ndjson") || strings.HasSuffix(name, ".jsonl")
}

// input is an opened stream.
type input struct {
	io.Reader
	size       int64           // of the file in bytes; 0 when unknown (stdin)
	compressed *countingReader // the bytes read of a gzipped file, for progress
	closers    []func() error
}

// open opens name ("-" for stdin), gunzipping a *.gz.
func open(name string) (*input, error) {
	in := &input{Reader: os.Stdin}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, kg.Errorf(kg.EINVALID, "%v", err)
		}
		in.closers = append(in.closers, f.Close)
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			in.size = st.Size()
		}
		in.Reader = f
	}
	if strings.HasSuffix(name, ".gz") {
		in.compressed = &countingReader{r: in.Reader}
		zr, err := gzip.NewReader(in.compressed)
		if err != nil {
			in.Close()
			return nil, kg.Errorf(kg.EINVALID, "%s: %v", name, err)
		}
		in.closers = append(in.closers, zr.Close)
		in.Reader = zr
	}
	return in, nil
}

func (in *input) Close() {
	for i := len(in.closers) - 1; i >= 0; i-- {
		in.closers[i]()
	}
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
