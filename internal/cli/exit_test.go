package cli

import (
	"errors"
	"fmt"
	"testing"
)

func TestExitCode(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{errors.New("broken pipe"), ExitFailed},
		{Usage(errors.New("bad flag")), ExitUsage},
		{fmt.Errorf("serve: %w", Usage(errors.New("bad flag"))), ExitUsage},
		{Failed(errors.New("unhealthy")), ExitFailed},
	} {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
	if Usage(nil) != nil || Failed(nil) != nil {
		t.Error("a nil error must stay nil")
	}
}
