package sink

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

	cables     *tableFile[schemas.CableRow]
	paragraphs *tableFile[schemas.ParagraphRow]
	entities   *tableFile[schemas.EntityRow]

	msgs    []*pipeline.Message
	seqs    []uint64
	stream  string
	written []CableRecord
	pending map[string]bool // ref|hash written here
}

func partitionKey(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("year=%04d/month=%02d", t.Year(), int(t.Month()))
}

// openPartition opens the partition's table files. A cable has a few
// paragraphs and a few more entities, so those tables' row groups hold
// proportionally more rows for about the same bytes.
func openPartition(dir, key, base string, now time.Time, rowGroupRows int, sorted bool) (*partition, error) {
	p := &partition{key: key, opened: now, base: base, pending: map[string]bool{}}
	cs := tableSpec[schemas.CableRow]{name: schemas.TableCables, sort: cableSort, rowSize: cableRowSize, rows: rowGroupRows}
	ps := tableSpec[schemas.ParagraphRow]{name: schemas.TableParagraphs, sort: paragraphSort, rowSize: paragraphRowSize, rows: rowGroupRows * 8}
	es := tableSpec[schemas.EntityRow]{name: schemas.TableEntities, sort: entitySort, rowSize: entityRowSize, rows: rowGroupRows * 16}
	if !sorted {
		cs.sort, ps.sort, es.sort = nil, nil, nil
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
	return p, nil
}

func (p *partition) write(c *schemas.Cable, v int32) error {
	cr, ps, es := schemas.Rows(c, v)
	if err := p.cables.write([]schemas.CableRow{cr}); err != nil {
		return err
	}
	if err := p.paragraphs.write(ps); err != nil {
		return err
	}
	if err := p.entities.write(es); err != nil {
		return err
	}
	p.written = append(p.written, CableRecord{RefID: c.RefID, Hash: c.ContentHash, Version: v})
	p.pending[c.RefID+"|"+c.ContentHash] = true
	return nil
}

// size estimates the bytes of the partition's files (Config.TargetBytes).
func (p *partition) size() int64 {
	return p.cables.size() + p.paragraphs.size() + p.entities.size()
}

// runs is the most sorted runs any of the partition's files has spilled.
func (p *partition) runs() int {
	return max(p.cables.runs, p.paragraphs.runs, p.entities.runs)
}

func (p *partition) hold(m *pipeline.Message) {
	p.msgs = append(p.msgs, m)
	p.seqs = append(p.seqs, m.Seq)
	p.stream = m.Stream
}

// close finishes the files; tables with no rows (a partition without
// entities) are dropped rather than committed empty.
func (p *partition) close(dir string) ([]FileRecord, error) {
	var files []FileRecord
	var errs []error
	for _, t := range []interface {
		close() (FileRecord, error)
	}{p.cables, p.paragraphs, p.entities} {
		fr, err := t.close()
		if err != nil {
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
	if p.cables != nil {
		p.cables.abort(dir)
	}
	if p.paragraphs != nil {
		p.paragraphs.abort(dir)
	}
	if p.entities != nil {
		p.entities.abort(dir)
	}
}
