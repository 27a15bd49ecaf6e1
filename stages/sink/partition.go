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
	bytes   int64           // estimated size of the files
}

func partitionKey(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("year=%04d/month=%02d", t.Year(), int(t.Month()))
}

func openPartition(dir, key, base string, now time.Time, rowGroupRows int) (*partition, error) {
	p := &partition{key: key, opened: now, base: base, pending: map[string]bool{}}
	var err error
	if p.cables, err = openTable[schemas.CableRow](dir, schemas.TableCables, key, base, rowGroupRows); err != nil {
		return nil, err
	}
	if p.paragraphs, err = openTable[schemas.ParagraphRow](dir, schemas.TableParagraphs, key, base, rowGroupRows*8); err != nil {
		p.abort(dir)
		return nil, err
	}
	if p.entities, err = openTable[schemas.EntityRow](dir, schemas.TableEntities, key, base, rowGroupRows*16); err != nil {
		p.abort(dir)
		return nil, err
	}
	return p, nil
}

func (p *partition) write(c *schemas.Cable, v int32, approx int) error {
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
	// zstd takes cable text to about a third; the estimate only decides
	// when to rotate.
	p.bytes += int64(approx / 3)
	return nil
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
