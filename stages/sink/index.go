package sink

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// index is what the warehouse already holds: the version of each committed
// (reference id, content hash) and the highest version of each reference
// id. It is a bbolt file beside the instance's lock, not a map, so the
// sink's memory does not grow with the warehouse (a map cost a few hundred
// bytes per committed cable).
//
// The index is derived: the commit log is the truth. It names the commit
// records it has applied, and every record it has not is applied by
// catchUp — a record this sink wrote just before a crash, or one another
// sink on the same directory wrote. It is kept on disk rather than in a
// JetStream key-value bucket so that it lives and dies with the warehouse
// it describes (a bucket outliving a deleted warehouse would skip cables
// that are no longer there) and a lookup is not a network round trip.
type index struct {
	db *bolt.DB
}

var (
	bucketVersions = []byte("versions") // ref id 0x00 content hash -> version
	bucketLatest   = []byte("latest")   // ref id -> highest version
	bucketRecords  = []byte("records")  // commit record id -> (empty)
)

const indexSuffix = ".index"

// openIndex opens the index file of this instance. A dead instance's index
// is adopted, so a restart applies only the records committed since; with
// none, the index starts empty and catchUp builds it from the whole log.
func openIndex(dir, instance string, dead func(string) bool) (*index, error) {
	path := filepath.Join(dir, sinksDir, instance+indexSuffix)
	adoptIndex(dir, path, dead)
	opts := &bolt.Options{Timeout: 5 * time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType}
	db, err := bolt.Open(path, 0o644, opts)
	if err != nil {
		// Unreadable (a torn write after a power loss): it is derived, so
		// start again from the log.
		os.Remove(path)
		if db, err = bolt.Open(path, 0o644, opts); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketVersions, bucketLatest, bucketRecords} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("index: %w", err)
	}
	return &index{db: db}, nil
}

// adoptIndex renames the largest index of a dead instance to path and
// removes the others; they are all derived from the same log.
func adoptIndex(dir, path string, dead func(string) bool) {
	names, _ := filepath.Glob(filepath.Join(dir, sinksDir, "*"+indexSuffix))
	var best string
	var bestSize int64 = -1
	var stale []string
	for _, n := range names {
		if !dead(strings.TrimSuffix(filepath.Base(n), indexSuffix)) {
			continue
		}
		st, err := os.Stat(n)
		if err != nil {
			continue
		}
		stale = append(stale, n)
		if st.Size() > bestSize {
			best, bestSize = n, st.Size()
		}
	}
	for _, n := range stale {
		if n == best && os.Rename(n, path) == nil {
			continue
		}
		os.Remove(n)
	}
}

func versionKey(ref, hash string) []byte {
	k := make([]byte, 0, len(ref)+1+len(hash))
	k = append(k, ref...)
	k = append(k, 0)
	return append(k, hash...)
}

func getVersion(b *bolt.Bucket, key []byte) int32 {
	if v := b.Get(key); len(v) == 4 {
		return int32(binary.BigEndian.Uint32(v))
	}
	return 0
}

// lookup reports whether this content is committed, and the highest
// version committed under ref.
func (x *index) lookup(ref, hash string) (known bool, latest int32, err error) {
	err = x.db.View(func(tx *bolt.Tx) error {
		known = tx.Bucket(bucketVersions).Get(versionKey(ref, hash)) != nil
		latest = getVersion(tx.Bucket(bucketLatest), []byte(ref))
		return nil
	})
	return known, latest, err
}

// applied reports which of the record ids the index has applied.
func (x *index) applied(ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	err := x.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRecords)
		for _, id := range ids {
			if b.Get([]byte(id)) != nil {
				out[id] = true
			}
		}
		return nil
	})
	return out, err
}

// apply adds the records' cables in one transaction, durable when it
// returns.
func (x *index) apply(recs []*Record) error {
	if len(recs) == 0 {
		return nil
	}
	return x.db.Update(func(tx *bolt.Tx) error {
		vs, ls, rs := tx.Bucket(bucketVersions), tx.Bucket(bucketLatest), tx.Bucket(bucketRecords)
		var buf [4]byte
		for _, r := range recs {
			for _, c := range r.Cables {
				binary.BigEndian.PutUint32(buf[:], uint32(c.Version))
				if err := vs.Put(versionKey(c.RefID, c.Hash), buf[:]); err != nil {
					return err
				}
				if c.Version > getVersion(ls, []byte(c.RefID)) {
					if err := ls.Put([]byte(c.RefID), buf[:]); err != nil {
						return err
					}
				}
			}
			if err := rs.Put([]byte(r.ID), nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// close closes the index; its file stays for the next instance to adopt.
func (x *index) close() error {
	if x == nil || x.db == nil {
		return nil
	}
	err := x.db.Close()
	x.db = nil
	return err
}
