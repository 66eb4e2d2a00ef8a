package main

import (
	"context"
	"fmt"
	"io"
)

// serve will run the GraphQL API (read-API issue); until then it prints the
// usage and says so.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fmt.Fprint(stdout, usage)
	fmt.Fprintln(stderr, "kgql: serving the API is not built yet; 'kgql load' is")
	return nil
}
