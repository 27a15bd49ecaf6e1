package sink

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// identityFile holds the warehouse's identity, written once when the
// warehouse is made.
const identityFile = "_cablewire/warehouse.json"

// Identity is who a warehouse is: an id made at random when the warehouse
// is created. It travels with every cable loaded into it (the
// Cablewire-Warehouse header), so a sink refuses cables meant for another
// warehouse, and it names the pipeline's streams by default, so a
// warehouse deleted and made again at the same path does not inherit the
// old one's streams or the broker's memory of what the old one loaded.
type Identity struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
}

// WarehouseIdentity returns the identity of the warehouse at dir, making
// the directory and the identity if there is none. Several processes may
// call it at once: the first identity linked into place wins, and every
// caller returns it.
func WarehouseIdentity(dir string) (Identity, error) {
	path := filepath.Join(dir, identityFile)
	if id, err := readIdentity(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return id, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Identity{}, fmt.Errorf("warehouse identity: %w", err)
	}
	id, err := newIdentity()
	if err != nil {
		return Identity{}, err
	}
	data, err := json.Marshal(id)
	if err != nil {
		return Identity{}, err
	}
	// Written whole under a temporary name, then linked: a link never
	// replaces a file, so of two processes making one warehouse, one wins
	// and neither reads a half-written identity.
	tmp := path + "." + id.ID + ".tmp"
	if err := writeSynced(tmp, data); err != nil {
		return Identity{}, fmt.Errorf("warehouse identity: %w", err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		return Identity{}, fmt.Errorf("warehouse identity: %w", err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return Identity{}, fmt.Errorf("warehouse identity: %w", err)
	}
	return readIdentity(path)
}

// newIdentity makes a new warehouse's identity.
func newIdentity() (Identity, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Identity{}, fmt.Errorf("warehouse identity: %w", err)
	}
	return Identity{ID: hex.EncodeToString(b[:]), Created: time.Now().UTC()}, nil
}

func readIdentity(path string) (Identity, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Identity{}, err
	}
	var id Identity
	if err := json.Unmarshal(b, &id); err != nil || id.ID == "" {
		return Identity{}, fmt.Errorf("warehouse identity %s: unreadable (%v)", path, err)
	}
	return id, nil
}

// ErrOtherWarehouse is the permanent error for a cable whose
// Cablewire-Warehouse header names another warehouse than the sink's.
var ErrOtherWarehouse = errors.New("cable meant for another warehouse")
