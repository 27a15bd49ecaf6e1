package sink

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// Compaction merges a partition's small files into files of about the
// target size, sorted like the sink's files (by created first), and swaps
// them in without a reader that lists the partition's directory ever
// seeing a row twice or missing one:
//
//  1. the merged files are written into a staging directory of their own,
//     _cablewire/compact/<id>/, on the warehouse's filesystem; the inputs'
//     row groups are merged as streams (parquet-go's merge reads a page per
//     column of each), so memory does not grow with the partition;
//  2. with the warehouse's commit lock held (no sink commits meanwhile,
//     and sinks write their temporary files under _cablewire/tmp/, so
//     nothing else changes a partition's directory), the inputs are
//     checked to be still in place, and a commit record of kind
//     KindCompact naming the new files and the files they replace is
//     written — the commit point;
//  3. every other file of the partition (committed since the inputs were
//     chosen) is hard-linked into the staging directory, and the staging
//     directory and the partition's directory are exchanged in one
//     rename(2) (RENAME_EXCHANGE): a listing of the partition sees either
//     the old generation or the new one, whole;
//  4. the old generation, now at the staging path, stays on disk for
//     Grace (readers with files open keep reading them), then is removed.
//
// A compactor that dies before step 2 leaves a staging directory without a
// record, removed once its instance is dead; one that dies after it leaves
// a record that the next sink catch-up or compaction rolls forward (step 3
// again; never twice: the swap is done once the partition holds the new
// files). The replaced files never come back: a roll-forward renames only
// temporary files still present.
const compactDir = "_cablewire/compact"

// KindCompact is the Record.Kind of a compaction's commit.
const KindCompact = "compact"

// CompactConfig sets what a compaction merges.
type CompactConfig struct {
	Dir         string
	Table       string // one table; "" for all
	Partition   string // one partition, "year=2008/month=05"; "" for all
	TargetBytes int64  // the merged files' size (default 128 MB); files of half that or more are left alone
	// MinFiles: compact a partition's table once it has this many small
	// files (default 2); 1 also rewrites a lone file the sink wrote, in
	// compaction's denser encoding (cablewire compact does).
	MinFiles int
	Grace    time.Duration
	// MaxInputs bounds the files merged at once (default 64): the merge
	// holds a page per column of each input's row groups. A partition with
	// more small files is merged in several passes.
	MaxInputs   int
	Compression string // "zstd" (default) or "snappy"
	Now         func() time.Time
	Catalog     Catalog // told of each swap (catalog.go)

	// abortAt, in tests, stops the compaction at a named step, as a crash
	// would.
	abortAt string
}

func (c *CompactConfig) defaults() error {
	if c.Dir == "" {
		return errors.New("compact: no warehouse directory")
	}
	if c.TargetBytes <= 0 {
		c.TargetBytes = 128 << 20
	}
	if c.MinFiles <= 0 {
		c.MinFiles = 2
	}
	if c.Grace == 0 {
		c.Grace = 5 * time.Minute
	}
	if c.MaxInputs < 2 {
		c.MaxInputs = 64
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Table != "" && !slices.Contains(tableNames, c.Table) {
		return fmt.Errorf("compact: no table %q", c.Table)
	}
	return nil
}

var tableNames = []string{schemas.TableCables, schemas.TableParagraphs, schemas.TableEntities,
	schemas.TableRecipients, schemas.TableReferences}

// CompactStats is what a compaction did.
type CompactStats struct {
	Partitions int   // table partitions swapped
	FilesIn    int   // files replaced
	FilesOut   int   // files written
	BytesIn    int64 // of the files replaced
	BytesOut   int64
	Rows       int64
}

// Compact compacts the warehouse (or the table and partition cfg names)
// once, as a process of its own: it holds an instance lock like a sink's,
// so that a dead compactor's staging directories are told from a live
// one's.
func Compact(ctx context.Context, cfg CompactConfig) (CompactStats, error) {
	if err := cfg.defaults(); err != nil {
		return CompactStats{}, err
	}
	for _, d := range []string{commitsDir, sinksDir, tmpDir, compactDir} {
		if err := os.MkdirAll(filepath.Join(cfg.Dir, d), 0o755); err != nil {
			return CompactStats{}, fmt.Errorf("compact: %w", err)
		}
	}
	inst, lock, err := lockNewInstance(cfg.Dir)
	if err != nil {
		return CompactStats{}, fmt.Errorf("compact: %w", err)
	}
	defer func() {
		name := lock.Name()
		lock.Close()
		os.Remove(name)
	}()
	c := &compactor{cfg: cfg, instance: inst, dead: map[string]bool{}}
	return c.run(ctx)
}

// compactor is one instance's compactions: the sink's background one, or
// Compact's.
type compactor struct {
	cfg      CompactConfig
	instance string
	seq      int
	dead     map[string]bool
}

func (c *compactor) isDead(inst string) bool {
	d, ok := c.dead[inst]
	if !ok {
		d = inst != c.instance && !alive(c.cfg.Dir, inst)
		c.dead[inst] = d
	}
	return d
}

// run cleans up after earlier compactions, then compacts every partition
// of every table cfg selects.
func (c *compactor) run(ctx context.Context) (CompactStats, error) {
	var st CompactStats
	if err := c.cleanup(); err != nil {
		return st, err
	}
	for _, t := range tableNames {
		if c.cfg.Table != "" && t != c.cfg.Table {
			continue
		}
		parts, err := partitionsOf(c.cfg.Dir, t)
		if err != nil {
			return st, err
		}
		for _, p := range parts {
			if c.cfg.Partition != "" && p != c.cfg.Partition {
				continue
			}
			if err := ctx.Err(); err != nil {
				return st, err
			}
			if err := c.partition(ctx, t, p, &st); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// partitionsOf lists a table's partitions, "year=YYYY/month=MM".
func partitionsOf(dir, table string) ([]string, error) {
	ms, err := filepath.Glob(filepath.Join(dir, table, "year=*", "month=*"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		if st, err := os.Stat(m); err == nil && st.IsDir() {
			rel, _ := filepath.Rel(filepath.Join(dir, table), m)
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return slices.Sorted(slices.Values(out)), nil
}

// liveFile is a committed file of a partition.
type liveFile struct {
	name string
	size int64
}

// committedFiles lists the files readers see in a partition's directory.
func committedFiles(pdir string) ([]liveFile, error) {
	ents, err := os.ReadDir(pdir)
	if err != nil {
		return nil, err
	}
	var out []liveFile
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(n, "_") || !strings.HasSuffix(n, ".parquet") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, liveFile{n, info.Size()})
	}
	return out, nil
}

// partition compacts one table partition, in passes of at most MaxInputs
// files, until fewer than MinFiles small files are left.
func (c *compactor) partition(ctx context.Context, table, part string, st *CompactStats) error {
	pdir := filepath.Join(c.cfg.Dir, table, filepath.FromSlash(part))
	for pass := 0; ; pass++ {
		files, err := committedFiles(pdir)
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		groups, err := smallGroups(pdir, files, c.cfg.TargetBytes/2)
		if err != nil {
			return err
		}
		var in []liveFile
		for _, g := range groups {
			// A lone file is rewritten (MinFiles 1) only if the sink wrote
			// it: compaction's denser encoding is the gain.
			lone := len(g) == 1 && strings.HasPrefix(g[0].name, "compact-")
			if len(g) >= c.cfg.MinFiles && !lone && len(g) > len(in) {
				in = g
			}
		}
		if len(in) == 0 || pass > 64 {
			return nil
		}
		if len(in) > c.cfg.MaxInputs {
			in = in[:c.cfg.MaxInputs]
		}
		ok, err := c.merge(ctx, table, part, in, st)
		if err != nil || !ok {
			return err
		}
	}
}

// smallGroups groups the files under limit bytes by what they can be
// merged with: the same columns, sort order and table version. Files are
// smallest first within a group, oldest name first on ties.
func smallGroups(pdir string, files []liveFile, limit int64) ([][]liveFile, error) {
	byKey := map[string][]liveFile{}
	var keys []string
	for _, f := range files {
		if f.size >= limit {
			continue
		}
		k, err := mergeKey(filepath.Join(pdir, f.name))
		if err != nil {
			if os.IsNotExist(err) {
				continue // replaced meanwhile
			}
			return nil, fmt.Errorf("compact: %s: %w", f.name, err)
		}
		if k == "" {
			continue // unsorted: the merge would not be sorted
		}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], f)
	}
	var out [][]liveFile
	for _, k := range keys {
		g := byKey[k]
		slices.SortStableFunc(g, func(a, b liveFile) int {
			if a.size != b.size {
				return int(min(max(a.size-b.size, -1), 1))
			}
			return strings.Compare(a.name, b.name)
		})
		out = append(out, g)
	}
	return out, nil
}

// mergeKey is what files must share to be merged: schema, sorting columns
// and table version ("" when the file declares no sort order).
func mergeKey(path string) (string, error) {
	f, pf, err := openParquet(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	rgs := pf.RowGroups()
	if len(rgs) == 0 || len(rgs[0].SortingColumns()) == 0 {
		return "", nil
	}
	var b strings.Builder
	b.WriteString(pf.Schema().String())
	for _, s := range rgs[0].SortingColumns() {
		fmt.Fprintf(&b, "|%s:%v:%v", strings.Join(s.Path(), "."), s.Descending(), s.NullsFirst())
	}
	v, _ := pf.Lookup(schemas.MetaSchemaVersion)
	b.WriteString("|v" + v)
	return b.String(), nil
}

func openParquet(path string) (*os.File, *parquet.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), &parquet.FileConfig{
		SkipPageIndex:    true,
		SkipBloomFilters: true,
		ReadBufferSize:   64 << 10,
	})
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, pf, nil
}

// merge compacts in, files of one table partition, and swaps the result in.
// It reports false when the inputs were replaced by another compactor
// meanwhile (nothing to do).
func (c *compactor) merge(ctx context.Context, table, part string, in []liveFile, st *CompactStats) (bool, error) {
	c.seq++
	id := fmt.Sprintf("compact-%s-%s-%06d", c.cfg.Now().UTC().Format("20060102T150405"), c.instance, c.seq)
	stage := filepath.Join(compactDir, id)
	if err := os.Mkdir(filepath.Join(c.cfg.Dir, stage), 0o755); err != nil {
		return false, fmt.Errorf("compact: %w", err)
	}
	prel := filepath.Join(table, filepath.FromSlash(part))
	files, rows, err := c.write(ctx, prel, stage, id, in)
	if err != nil {
		os.RemoveAll(filepath.Join(c.cfg.Dir, stage))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil // another compactor replaced an input meanwhile
		}
		return false, fmt.Errorf("compact %s: %w", prel, err)
	}
	if c.cfg.abortAt == "written" {
		return false, errAborted
	}
	rec := &Record{
		ID:            id,
		Kind:          KindCompact,
		Time:          c.cfg.Now().UTC(),
		SchemaVersion: schemas.TableVersion,
		Instance:      c.instance,
		Partition:     part,
		Files:         files,
	}
	var inBytes int64
	for _, f := range in {
		rec.Replaces = append(rec.Replaces, filepath.Join(prel, f.name))
		inBytes += f.size
	}
	unlock, err := lockCommits(c.cfg.Dir)
	if err != nil {
		os.RemoveAll(filepath.Join(c.cfg.Dir, stage))
		return false, fmt.Errorf("compact: %w", err)
	}
	defer unlock()
	// A dead compactor's committed swap first: it may replace the same
	// files, and after ours it would bring them back.
	if err := c.rollForwardAll(); err != nil {
		os.RemoveAll(filepath.Join(c.cfg.Dir, stage))
		return false, err
	}
	for _, r := range rec.Replaces {
		if _, err := os.Stat(filepath.Join(c.cfg.Dir, r)); err != nil {
			os.RemoveAll(filepath.Join(c.cfg.Dir, stage))
			return false, nil
		}
	}
	if err := writeRecord(c.cfg.Dir, rec); err != nil {
		os.RemoveAll(filepath.Join(c.cfg.Dir, stage))
		return false, fmt.Errorf("compact: %w", err)
	}
	if c.cfg.abortAt == "committed" {
		return false, errAborted
	}
	if err := swapPartition(c.cfg.Dir, rec); err != nil {
		return false, fmt.Errorf("compact %s: %w", prel, err)
	}
	notifyCatalog(c.cfg.Catalog, rec)
	st.Partitions++
	st.FilesIn += len(in)
	st.FilesOut += len(files)
	st.BytesIn += inBytes
	st.Rows += rows
	for _, f := range files {
		st.BytesOut += f.Bytes
	}
	return true, nil
}

var errAborted = errors.New("compact: aborted (test)")

// write merges the inputs' rows, in their sort order, into files of about
// TargetBytes in the staging directory, and makes them durable.
func (c *compactor) write(ctx context.Context, prel, stage, id string, in []liveFile) ([]FileRecord, int64, error) {
	var pfs []*parquet.File
	for _, f := range in {
		fh, pf, err := openParquet(filepath.Join(c.cfg.Dir, prel, f.name))
		if err != nil {
			return nil, 0, err
		}
		defer fh.Close()
		pfs = append(pfs, pf)
	}
	schema := pfs[0].Schema()
	sorting := pfs[0].RowGroups()[0].SortingColumns()
	var rgs []parquet.RowGroup
	for _, pf := range pfs {
		rgs = append(rgs, pf.RowGroups()...)
	}
	merged, err := parquet.MergeRowGroups(rgs, &parquet.RowGroupConfig{
		Schema:  schema,
		Sorting: parquet.SortingConfig{SortingColumns: sorting},
	})
	if err != nil {
		return nil, 0, err
	}
	table := filepath.Dir(filepath.Dir(prel))
	var kvs [][2]string
	for _, kv := range pfs[0].Metadata().KeyValueMetadata {
		kvs = append(kvs, [2]string{kv.Key, kv.Value})
	}
	rows := merged.Rows()
	defer rows.Close()
	var out []FileRecord
	var total int64
	buf := make([]parquet.Row, 512)
	var ow *outFile
	for {
		if err := ctx.Err(); err != nil {
			if ow != nil {
				ow.abort()
			}
			return nil, 0, err
		}
		n, rerr := rows.ReadRows(buf)
		if rerr != nil && rerr != io.EOF {
			if ow != nil {
				ow.abort()
			}
			return nil, 0, rerr
		}
		if n > 0 && ow == nil {
			name := fmt.Sprintf("%s-%d.parquet", id, len(out))
			ow, err = newOutFile(filepath.Join(c.cfg.Dir, stage, name), table, schema, sorting, kvs, c.cfg.Compression)
			if err != nil {
				return nil, 0, err
			}
			ow.rec = FileRecord{Table: table, Path: filepath.Join(prel, name), Temp: filepath.Join(stage, name)}
		}
		if n > 0 {
			if _, err := ow.w.WriteRows(buf[:n]); err != nil {
				ow.abort()
				return nil, 0, err
			}
			ow.rec.Rows += int64(n)
			total += int64(n)
		}
		if ow != nil && (rerr == io.EOF || ow.size() >= c.cfg.TargetBytes) {
			fr, err := ow.close()
			if err != nil {
				return nil, 0, err
			}
			out = append(out, fr)
			ow = nil
		}
		if rerr == io.EOF {
			break
		}
	}
	if err := syncDir(filepath.Join(c.cfg.Dir, stage)); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// outFile is one merged file being written.
type outFile struct {
	path string
	f    *os.File
	bw   *bufio.Writer
	cw   countingWriter
	w    *parquet.Writer
	rec  FileRecord
}

func newOutFile(path, table string, schema *parquet.Schema, sorting []parquet.SortingColumn, kvs [][2]string, compression string) (*outFile, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	o := &outFile{path: path, f: f, bw: bufio.NewWriterSize(f, 256<<10)}
	o.cw.w = o.bw
	opts := fileOptions(table, compression, true)
	opts = append(opts, parquet.MaxRowsPerRowGroup(int64(4*defaultRowGroupRows*rowGroupScale(table))))
	opts = append(opts, schema, parquet.SortingWriterConfig(parquet.SortingColumns(sorting...)))
	for _, kv := range kvs {
		opts = append(opts, parquet.KeyValueMetadata(kv[0], kv[1]))
	}
	o.w = parquet.NewWriter(&o.cw, opts...)
	return o, nil
}

// size is the bytes encoded so far; the row group being buffered is not
// counted, so a file overshoots the target by at most one row group.
func (o *outFile) size() int64 { return o.cw.n }

func (o *outFile) close() (FileRecord, error) {
	err := o.w.Close()
	if err == nil {
		err = o.bw.Flush()
	}
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(o.path)
		return FileRecord{}, err
	}
	o.rec.Bytes = o.cw.n
	return o.rec, nil
}

func (o *outFile) abort() {
	o.f.Close()
	os.Remove(o.path)
}

// swapPartition is step 3 of a compaction: with the commit lock held, the
// partition's files that the record does not replace are linked into its
// staging directory, which is then exchanged with the partition's.
func swapPartition(dir string, rec *Record) error {
	if len(rec.Files) == 0 {
		return nil
	}
	stage := filepath.Join(dir, filepath.Dir(rec.Files[0].Temp))
	pdir := filepath.Join(dir, filepath.Dir(rec.Files[0].Path))
	replaced := map[string]bool{}
	for _, r := range rec.Replaces {
		replaced[filepath.Base(r)] = true
	}
	ents, err := os.ReadDir(pdir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		n := e.Name()
		if replaced[n] || e.IsDir() {
			continue
		}
		dst := filepath.Join(stage, n)
		if _, err := os.Lstat(dst); err == nil {
			continue // linked by an earlier, interrupted swap
		}
		src := filepath.Join(pdir, n)
		if strings.HasPrefix(n, "_") {
			// A temporary file of a sink of the earlier layout, which
			// writes them here: it moves, so that its rename finds it.
			err = os.Rename(src, dst)
		} else {
			err = os.Link(src, dst)
		}
		if err != nil {
			return err
		}
	}
	if err := syncDir(stage); err != nil {
		return err
	}
	if err := exchangeDirs(stage, pdir); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(pdir)); err != nil {
		return err
	}
	return syncDir(filepath.Dir(stage))
}

// swapped reports whether a compaction record's swap is done: the
// partition holds its first file, or the replaced files are gone (a later
// compaction merged its files again).
func swapped(dir string, rec *Record) bool {
	if len(rec.Files) == 0 {
		return true
	}
	if _, err := os.Stat(filepath.Join(dir, rec.Files[0].Path)); err == nil {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, rec.Files[0].Temp))
	return err != nil // staged files gone: nothing left to swap in
}

// rollForwardCompaction finishes a compaction whose compactor died between
// its commit record and its swap. The swap happens only if every replaced
// file is still in place: otherwise the files were merged by a compaction
// that must have rolled this one forward first, and there is nothing to do.
func rollForwardCompaction(dir string, rec *Record) error {
	if swapped(dir, rec) {
		return nil
	}
	unlock, err := lockCommits(dir)
	if err != nil {
		return err
	}
	defer unlock()
	return rollForwardLocked(dir, rec)
}

func rollForwardLocked(dir string, rec *Record) error {
	if swapped(dir, rec) {
		return nil
	}
	for _, r := range rec.Replaces {
		if _, err := os.Stat(filepath.Join(dir, r)); err != nil {
			return nil
		}
	}
	return swapPartition(dir, rec)
}

// rollForwardAll rolls forward every compaction record whose swap is not
// done; called with the commit lock held.
func (c *compactor) rollForwardAll() error {
	ents, err := os.ReadDir(filepath.Join(c.cfg.Dir, compactDir))
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		rec, err := readRecord(c.cfg.Dir, e.Name())
		if err != nil {
			continue // no record: not committed (cleanup removes it)
		}
		if err := rollForwardLocked(c.cfg.Dir, rec); err != nil {
			return fmt.Errorf("roll forward %s: %w", rec.ID, err)
		}
	}
	return nil
}

// cleanup rolls forward the compactions committed but not swapped, removes
// the staging directories of dead compactors that never committed (and
// their half-written records), and the old generations past their grace.
func (c *compactor) cleanup() error {
	root := filepath.Join(c.cfg.Dir, compactDir)
	ents, err := os.ReadDir(root)
	if os.IsNotExist(err) {
		return nil // a warehouse no compaction has run on yet
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range ents {
		id := e.Name()
		if !e.IsDir() {
			continue
		}
		rec, rerr := readRecord(c.cfg.Dir, id)
		switch {
		case rerr != nil && os.IsNotExist(rerr):
			if c.isDead(instanceOf("_" + id)) {
				os.Remove(filepath.Join(c.cfg.Dir, commitsDir, "_"+id+".json.tmp"))
				errs = append(errs, os.RemoveAll(filepath.Join(root, id)))
			}
		case rerr != nil:
			errs = append(errs, rerr)
		default:
			if err := rollForwardCompaction(c.cfg.Dir, rec); err != nil {
				errs = append(errs, fmt.Errorf("roll forward %s: %w", id, err))
				continue
			}
			if c.cfg.Now().Sub(rec.Time) >= c.cfg.Grace {
				errs = append(errs, os.RemoveAll(filepath.Join(root, id)))
			}
		}
	}
	return errors.Join(errs...)
}
