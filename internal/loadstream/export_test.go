package loadstream

import (
	"context"
	"io"
)

// RunInto is Run into sink rather than the store of opts, for tests of a
// store that fails part-way.
func RunInto(ctx context.Context, opts Options, sink Sink, stderr io.Writer) error {
	in, err := open(opts.File)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = stream(ctx, opts, in, sink, nil, stderr)
	return err
}
