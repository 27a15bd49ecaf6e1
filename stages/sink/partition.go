package sink

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// partition is the open files of one year=/month= partition, and the
// messages whose rows they hold.
type partition struct {
	key    string // year=YYYY/month=MM
	opened time.Time
	base   string
	last   int64 // Sink.written after this partition's last cable
	// epoch is the index's epoch when the partition opened: commit
	// records the index took in later may hold its cables (reconcile).
	epoch uint64

	cables     *tableFile[schemas.CableRow]
	paragraphs *tableFile[schemas.ParagraphRow]
	entities   *tableFile[schemas.EntityRow]
	recipients *tableFile[schemas.RecipientRow]
	references *tableFile[schemas.ReferenceRow]

	msgs    []*pipeline.Message
	seqs    []uint64
	stream  string
	written []CableRecord
	pending map[contentKey]bool // cables written here
	rows    schemas.RowSet      // scratch for write
}

// contentKey is one cable's content: its reference id and content hash.
type contentKey struct{ ref, hash string }

func partitionKey(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("year=%04d/month=%02d", t.Year(), int(t.Month()))
}

// openPartition opens the partition's table files. A cable has a few
// paragraphs, a few more entities and a few short recipient and reference
// rows, so those tables' row groups hold proportionally more rows.
func openPartition(dir, key, base string, now time.Time, rowGroupRows int, sorted bool, compression string) (*partition, error) {
	p := &partition{key: key, opened: now, base: base, pending: map[contentKey]bool{}}
	g := func(t string) int { return rowGroupRows * rowGroupScale(t) }
	cs := tableSpec[schemas.CableRow]{name: schemas.TableCables, key: &cableKey, rowSize: cableRowSize, rows: g(schemas.TableCables), compression: compression}
	ps := tableSpec[schemas.ParagraphRow]{name: schemas.TableParagraphs, key: &paragraphKey, rowSize: paragraphRowSize, rows: g(schemas.TableParagraphs), compression: compression}
	es := tableSpec[schemas.EntityRow]{name: schemas.TableEntities, key: &entityKey, rowSize: entityRowSize, rows: g(schemas.TableEntities), compression: compression}
	rs := tableSpec[schemas.RecipientRow]{name: schemas.TableRecipients, key: &recipientKey, rowSize: recipientRowSize, rows: g(schemas.TableRecipients), compression: compression}
	fs := tableSpec[schemas.ReferenceRow]{name: schemas.TableReferences, key: &referenceKey, rowSize: referenceRowSize, rows: g(schemas.TableReferences), compression: compression}
	if !sorted {
		cs.key, ps.key, es.key, rs.key, fs.key = nil, nil, nil, nil, nil
	}
	var err error
	if p.cables, err = openTable(dir, key, base, cs); err != nil {
		return nil, err
	}
	if p.paragraphs, err = openTable(dir, key, base, ps); err != nil {
		p.abort(dir)
		return nil, err
	}
	if p.entities, err = openTable(dir, key, base, es); err != nil {
		p.abort(dir)
		return nil, err
	}
	if p.recipients, err = openTable(dir, key, base, rs); err != nil {
		p.abort(dir)
		return nil, err
	}
	if p.references, err = openTable(dir, key, base, fs); err != nil {
		p.abort(dir)
		return nil, err
	}
	return p, nil
}

func (p *partition) write(c *schemas.Cable, v int32) error {
	// The table files copy the rows into their buffers, so one RowSet
	// serves every cable.
	rows := &p.rows
	rows.Set(c, v)
	defer rows.Clear()
	if err := p.cables.write(rows.Cables); err != nil {
		return err
	}
	if err := p.paragraphs.write(rows.Paragraphs); err != nil {
		return err
	}
	if err := p.entities.write(rows.Entities); err != nil {
		return err
	}
	if err := p.recipients.write(rows.Recipients); err != nil {
		return err
	}
	if err := p.references.write(rows.References); err != nil {
		return err
	}
	p.written = append(p.written, CableRecord{RefID: c.RefID, Hash: c.ContentHash, Version: v})
	p.pending[contentKey{c.RefID, c.ContentHash}] = true
	return nil
}

// size estimates the bytes of the partition's files (Config.TargetBytes).
func (p *partition) size() int64 {
	n := int64(0)
	for _, t := range p.tables() {
		n += t.size()
	}
	return n
}

// runs is the most row groups (or sorted runs) any of the partition's files
// has written.
func (p *partition) runs() int {
	return max(p.cables.runs, p.paragraphs.runs, p.entities.runs, p.recipients.runs, p.references.runs)
}

// table is what a partition does with each of its files alike.
type table interface {
	size() int64
	close() (FileRecord, error)
	abort(dir string)
}

// tables lists the files opened so far, in a fixed order.
func (p *partition) tables() []table {
	var ts []table
	// Typed nils must not become non-nil interfaces.
	if p.cables != nil {
		ts = append(ts, p.cables)
	}
	if p.paragraphs != nil {
		ts = append(ts, p.paragraphs)
	}
	if p.entities != nil {
		ts = append(ts, p.entities)
	}
	if p.recipients != nil {
		ts = append(ts, p.recipients)
	}
	if p.references != nil {
		ts = append(ts, p.references)
	}
	return ts
}

func (p *partition) hold(m *pipeline.Message) {
	p.msgs = append(p.msgs, m)
	p.seqs = append(p.seqs, m.Seq)
	p.stream = m.Stream
}

// close finishes the files; tables with no rows (a partition without
// entities) are dropped rather than committed empty.
//
// The files close concurrently: closing encodes and compresses a file's
// last row group (and merges its runs if it has any), much of the sink's
// work, and the tables are independent.
// The sink's one goroutine would otherwise hold the whole pipeline's last
// stage to one core while it commits.
func (p *partition) close(dir string) ([]FileRecord, error) {
	ts := p.tables()
	frs := make([]FileRecord, len(ts))
	cerrs := make([]error, len(ts))
	var wg sync.WaitGroup
	for i, t := range ts {
		wg.Go(func() { frs[i], cerrs[i] = t.close() })
	}
	wg.Wait()
	var files []FileRecord
	var errs []error
	for i, fr := range frs {
		if err := cerrs[i]; err != nil {
			errs = append(errs, err)
			continue
		}
		if fr.Rows == 0 {
			os.Remove(filepath.Join(dir, fr.Temp))
			continue
		}
		files = append(files, fr)
	}
	if err := errors.Join(errs...); err != nil {
		for _, f := range files {
			os.Remove(filepath.Join(dir, f.Temp))
		}
		return nil, err
	}
	return files, nil
}

func (p *partition) abort(dir string) {
	for _, t := range p.tables() {
		t.abort(dir)
	}
}

// defaultRowGroupRows is Config.RowGroupRows's default.
const defaultRowGroupRows = 1000

// rowGroupScale is a table's rows per row group, in cables' row groups: a
// cable has a few paragraphs, more entities and a few short recipient and
// reference rows.
func rowGroupScale(table string) int {
	switch table {
	case schemas.TableParagraphs:
		return 8
	case schemas.TableEntities:
		return 16
	case schemas.TableRecipients, schemas.TableReferences:
		return 4
	}
	return 1
}

// The flat tables' rows are short strings, most dictionary-encoded.
func recipientRowSize(r *schemas.RecipientRow) int {
	return rowOverhead + len(r.RefID) + len(r.Name) + len(r.Routing) + len(r.MCN)
}

func referenceRowSize(r *schemas.ReferenceRow) int {
	return rowOverhead + len(r.RefID) + len(r.Referenced)
}
