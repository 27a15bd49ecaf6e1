package sink

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// reconcile makes j's commit agree with what other sinks on the warehouse
// committed since its partition opened: the rule that keeps two sinks
// (two loads at once, with separate brokers or one) from committing a
// cable twice, whatever their indexes have caught up with. It runs with
// the commit lock held, so nothing commits between the check and j's
// commit point.
//
// A cable another sink committed (same reference id and content hash) is
// dropped from j's files: its message is acked with j, as committed. A
// changed cable whose version another sink took meanwhile gets the next
// free version. Both are rare (concurrent loads of the same cables), and
// cost a rewrite of j's files; the common case costs a listing of the
// commit log.
//
// It reports whether it changed the files. On S3 it runs again after a
// lost race for the log's next slot: the records it has read are skipped.
func (j *commitJob) reconcile(dir string) (changed bool, err error) {
	ids, err := j.store.recordIDs(func(string) bool { return false })
	if err != nil {
		return false, err
	}
	if j.checked == nil {
		j.checked = map[string]bool{}
	}
	pending := j.p.pending
	drop := map[contentKey]bool{}
	latest := map[string]int32{} // highest version others committed, for j's ref ids
	refs := map[string]bool{}
	for _, w := range j.p.written {
		refs[w.RefID] = true
	}
	for _, id := range ids {
		if id == j.rec.ID || instanceOf("_"+id) == j.rec.Instance || j.known.before(id, j.p.epoch) || j.checked[id] {
			continue
		}
		j.checked[id] = true
		r, err := j.store.readRecord(id)
		if err != nil {
			return false, err
		}
		for _, c := range r.Cables {
			if !refs[c.RefID] {
				continue
			}
			if pending[contentKey{c.RefID, c.Hash}] {
				drop[contentKey{c.RefID, c.Hash}] = true
			}
			latest[c.RefID] = max(latest[c.RefID], c.Version)
		}
	}
	// The lowest version j gives each ref id: shifted past others' if they
	// took it.
	lowest := map[string]int32{}
	for _, w := range j.p.written {
		if !drop[contentKey{w.RefID, w.Hash}] {
			if v, ok := lowest[w.RefID]; !ok || w.Version < v {
				lowest[w.RefID] = w.Version
			}
		}
	}
	// What becomes of each version written: its new version, or 0 when
	// another sink committed it (versions start at 1).
	fate := map[verKey]int32{}
	var kept []CableRecord
	for _, w := range j.p.written {
		vk := verKey{w.RefID, w.Version}
		if drop[contentKey{w.RefID, w.Hash}] {
			fate[vk], changed = 0, true
			continue
		}
		if l := latest[w.RefID]; l >= lowest[w.RefID] {
			w.Version += l - lowest[w.RefID] + 1
			changed = true
		}
		fate[vk] = w.Version
		kept = append(kept, w)
	}
	if !changed {
		return false, nil
	}
	j.dropped += len(j.p.written) - len(kept)
	var files []FileRecord
	for _, f := range j.rec.Files {
		nf, err := rewriteFile(dir, f, j.compression, func(ref string, v int32) (int32, bool) {
			nv, ok := fate[verKey{ref, v}]
			if !ok {
				return v, true
			}
			return nv, nv != 0
		})
		if err != nil {
			return false, fmt.Errorf("reconcile %s: %w", f.Temp, err)
		}
		if nf.Rows == 0 {
			j.store.unstage([]FileRecord{f})
			os.Remove(filepath.Join(dir, f.Temp))
			continue
		}
		files = append(files, nf)
	}
	j.rec.Files, j.rec.Cables = files, kept
	j.p.written = kept
	return true, nil
}

// verKey is one cable version.
type verKey struct {
	ref string
	v   int32
}

// rewriteFile rewrites a closed temporary file keeping the rows keep
// says to, with the version it gives. Row groups, sorting and key-value
// metadata are kept.
func rewriteFile(dir string, f FileRecord, compression string, keep func(ref string, v int32) (int32, bool)) (FileRecord, error) {
	src := filepath.Join(dir, f.Temp)
	in, err := os.Open(src)
	if err != nil {
		return f, err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return f, err
	}
	pf, err := parquet.OpenFile(in, st.Size())
	if err != nil {
		return f, err
	}
	schema := pf.Schema()
	refCol, ok1 := schema.Lookup("ref_id")
	verCol, ok2 := schema.Lookup("version")
	if !ok1 || !ok2 {
		return f, errors.New("no ref_id or version column")
	}
	opts := fileOptions(f.Table, compression, false)
	for _, kv := range pf.Metadata().KeyValueMetadata {
		opts = append(opts, parquet.KeyValueMetadata(kv.Key, kv.Value))
	}
	if rgs := pf.RowGroups(); len(rgs) > 0 {
		opts = append(opts, parquet.SortingWriterConfig(parquet.SortingColumns(rgs[0].SortingColumns()...)))
	}
	tmp := strings.TrimSuffix(src, ".parquet.tmp") + "-rw.parquet.tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return f, err
	}
	defer os.Remove(tmp) // after the rename, a no-op
	bw := bufio.NewWriterSize(out, 256<<10)
	cw := &countingWriter{w: bw}
	w := parquet.NewWriter(cw, append(opts, schema)...)
	var rowsOut int64
	buf := make([]parquet.Row, 256)
	kept := make([]parquet.Row, 0, len(buf))
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		for {
			n, rerr := rows.ReadRows(buf)
			if rerr != nil && rerr != io.EOF {
				rows.Close()
				out.Close()
				return f, rerr
			}
			kept = kept[:0]
			for _, row := range buf[:n] {
				ref, vi := "", -1
				for i, v := range row {
					switch v.Column() {
					case refCol.ColumnIndex:
						ref = v.String()
					case verCol.ColumnIndex:
						vi = i
					}
				}
				if vi < 0 {
					rows.Close()
					out.Close()
					return f, errors.New("row without a version")
				}
				old := row[vi]
				nv, ok := keep(ref, old.Int32())
				if !ok {
					continue
				}
				row[vi] = parquet.Int32Value(nv).Level(old.RepetitionLevel(), old.DefinitionLevel(), old.Column())
				kept = append(kept, row)
			}
			if _, err := w.WriteRows(kept); err != nil {
				rows.Close()
				out.Close()
				return f, err
			}
			rowsOut += int64(len(kept))
			if rerr != nil {
				break
			}
		}
		rows.Close()
		if err := w.Flush(); err != nil { // keep the row group's bounds
			out.Close()
			return f, err
		}
	}
	err = w.Close()
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, src)
	}
	if err != nil {
		return f, err
	}
	f.Rows, f.Bytes = rowsOut, cw.n
	return f, nil
}
