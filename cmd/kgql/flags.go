package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"regexp"
)

// parseFlags parses a subcommand's flags wherever they stand among its
// arguments (`kgql load seed --check` as `kgql load --check seed`; after
// "--" everything is an argument) and returns the arguments. Asked for
// help (-h, --help), it prints the subcommand's usage on stdout and
// returns exitError(0); a bad flag prints the usage on stderr and returns
// exitError(2).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) ([]string, error) {
	var usage bytes.Buffer
	fs.SetOutput(&usage)
	var positional []string
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			stdout.Write(usage.Bytes())
			return nil, exitError(0)
		case err != nil:
			stderr.Write(usage.Bytes())
			return nil, exitError(2)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

// flagName is the start of a flag's line in flag.PrintDefaults' output.
var flagName = regexp.MustCompile(`(?m)^  -(\w)`)

// printFlags writes a FlagSet's flags to its output as PrintDefaults does,
// but each spelled as the usage lines write it, --addr (the flag package
// takes -addr and --addr alike; its PrintDefaults writes -addr).
func printFlags(fs *flag.FlagSet) {
	out := fs.Output()
	var b bytes.Buffer
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(out)
	out.Write(flagName.ReplaceAll(b.Bytes(), []byte("  --$1")))
}
