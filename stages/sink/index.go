package sink

// index is what the warehouse already holds: committed stream sequences
// (per stream incarnation) and the versions of each reference id.
type index struct {
	seqs     map[string]map[uint64]struct{} // stream|epoch -> seq
	versions map[string]int32               // ref id|content hash -> version
	latest   map[string]int32               // ref id -> highest version
}

func newIndex() *index {
	return &index{
		seqs:     map[string]map[uint64]struct{}{},
		versions: map[string]int32{},
		latest:   map[string]int32{},
	}
}

func streamKey(stream, epoch string) string { return stream + "|" + epoch }

func (x *index) add(r *Record) {
	k := streamKey(r.Stream, r.StreamEpoch)
	s := x.seqs[k]
	if s == nil {
		s = map[uint64]struct{}{}
		x.seqs[k] = s
	}
	for _, rg := range r.Seqs {
		for q := rg[0]; q <= rg[1]; q++ {
			s[q] = struct{}{}
		}
	}
	for _, c := range r.Cables {
		x.addCable(c.RefID, c.Hash, c.Version)
	}
}

func (x *index) addCable(ref, hash string, v int32) {
	// One flat map: a map per reference id would cost a few hundred bytes
	// each, and the index grows with the warehouse.
	x.versions[ref+"|"+hash] = v
	if v > x.latest[ref] {
		x.latest[ref] = v
	}
}

func (x *index) seqCommitted(stream, epoch string, seq uint64) bool {
	_, ok := x.seqs[streamKey(stream, epoch)][seq]
	return ok
}

// version returns the version a cable with this content has, and whether
// it is already known.
func (x *index) version(ref, hash string) (int32, bool) {
	v, ok := x.versions[ref+"|"+hash]
	return v, ok
}
