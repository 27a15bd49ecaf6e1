package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// A second embedded server on a store directory in use is refused with
// ErrStoreInUse, naming the directory; once the first closes, it starts.
func TestEmbeddedStoreIsLocked(t *testing.T) {
	dir := t.TempDir()
	cfg := ConnConfig{Name: "a", Embedded: EmbeddedConfig{StoreDir: dir}}
	a, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Connect(context.Background(), cfg)
	if !errors.Is(err, ErrStoreInUse) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("second server on %s: %v, want ErrStoreInUse naming it", dir, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	b.Close()
}
