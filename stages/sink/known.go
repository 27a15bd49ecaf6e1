package sink

import "sync"

// knownRecords remembers when this sink's index took in each commit
// record, as an epoch that grows with every catch-up. A partition opened
// at epoch e looked its cables up in an index that held every record
// known before e; a record known later, or not yet, may hold some of the
// same cables, and the partition's commit checks it (reconcile).
//
// The sink's goroutine adds to it; commit jobs read it from theirs.
type knownRecords struct {
	mu    sync.Mutex
	at    map[string]uint64
	epoch uint64
}

func newKnownRecords() *knownRecords { return &knownRecords{at: map[string]uint64{}} }

// add records ids as known now, and starts a new epoch.
func (k *knownRecords) add(ids ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, id := range ids {
		if _, ok := k.at[id]; !ok {
			k.at[id] = k.epoch
		}
	}
	k.epoch++
}

// now is the current epoch.
func (k *knownRecords) now() uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.epoch
}

// before reports whether id was known before epoch e.
func (k *knownRecords) before(id string, e uint64) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	at, ok := k.at[id]
	return ok && at < e
}
