package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/internal/config"
	"github.com/sessionmock/sessionmock/openapi"
)

func printFixtures(_ context.Context, args []string, _ func(string) string, stdout, _ io.Writer) error {
	req, err := config.ParseFixtures(args)
	if errors.Is(err, flag.ErrHelp) {
		config.FixturesUsage(stdout)
		return nil
	}
	if err != nil {
		return usageError(err)
	}
	world, err := req.NewWorld()
	if err != nil {
		return usageError(err)
	}
	w := bufio.NewWriter(stdout)
	if req.Vendor == openapi.Appgate {
		err = writeAppgate(w, world.Appgate())
	} else {
		err = writeSegura(w, world.Segura())
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// writeSegura prints the sessions with the encoder the server uses, so
// the bytes match what GET /api/session/remotesessions sends.
func writeSegura(w *bufio.Writer, set *fixtures.SeguraSet) error {
	var compact []byte
	var indented bytes.Buffer
	return writeArray(w, set.Len(), func(i int) ([]byte, error) {
		r := set.At(i)
		compact = fixtures.AppendSeguraSession(compact[:0], &r)
		indented.Reset()
		err := json.Indent(&indented, compact, "  ", "  ")
		return indented.Bytes(), err
	})
}

func writeAppgate(w *bufio.Writer, set *fixtures.AppgateSet) error {
	return writeArray(w, set.Len(), func(i int) ([]byte, error) {
		return json.MarshalIndent(set.At(i), "  ", "  ")
	})
}

// writeArray writes an indented JSON array one element at a time, so a
// large count does not need the whole document in memory.
func writeArray(w *bufio.Writer, n int, elem func(i int) ([]byte, error)) error {
	if n == 0 {
		_, err := w.WriteString("[]\n")
		return err
	}
	w.WriteString("[\n")
	for i := range n {
		b, err := elem(i)
		if err != nil {
			return err
		}
		w.WriteString("  ")
		w.Write(b)
		if i < n-1 {
			w.WriteString(",")
		}
		w.WriteString("\n")
	}
	_, err := w.WriteString("]\n")
	return err
}
