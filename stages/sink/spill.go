package sink

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// tmpDir holds the sorted runs a table file spills before its Close merges
// them; the names start with "_" and carry the writer's instance, so that
// recovery can remove a dead writer's runs (and readers skip them anyway).
const tmpDir = "_cablewire/tmp"

// spillPool is the parquet.BufferPool of one table file's sorting writer.
// parquet-go's default pool keeps the runs in memory, which would hold a
// whole file's rows (compressed) until it is committed; its file pool names
// files we could not attribute to an instance and cannot be counted. This
// one puts them under tmpDir, counts the bytes written for the size
// estimate, and remembers them so that an aborted file leaves none behind.
type spillPool struct {
	dir, pattern string
	n            int64 // bytes written to runs
	files        map[*spillFile]struct{}
}

func newSpillPool(dir, pattern string) *spillPool {
	return &spillPool{dir: dir, pattern: pattern, files: map[*spillFile]struct{}{}}
}

func (p *spillPool) GetBuffer() io.ReadWriteSeeker {
	f, err := os.CreateTemp(p.dir, p.pattern)
	if err != nil {
		return errBuffer{err}
	}
	sf := &spillFile{f: f, path: f.Name(), bw: bufio.NewWriterSize(f, 64<<10), n: &p.n}
	p.files[sf] = struct{}{}
	return sf
}

// adopt makes f, a complete file of size bytes at path, one of the pool's
// runs: it moves under tmpDir with a run's name (the same filesystem: the
// warehouse's), so that it is counted, attributed and removed like one.
// f stays open; it must be readable.
func (p *spillPool) adopt(f *os.File, path string, size int64) (*spillFile, error) {
	// CreateTemp reserves a unique name; the rename replaces it.
	tmp, err := os.CreateTemp(p.dir, p.pattern)
	if err != nil {
		return nil, err
	}
	tmp.Close()
	if err := os.Rename(path, tmp.Name()); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	sf := &spillFile{f: f, path: tmp.Name(), bw: bufio.NewWriterSize(f, 16), n: &p.n}
	p.n += size
	p.files[sf] = struct{}{}
	return sf, nil
}

func (p *spillPool) PutBuffer(b io.ReadWriteSeeker) {
	if sf, ok := b.(*spillFile); ok {
		sf.remove()
		delete(p.files, sf)
	}
}

// release removes every run still held (an aborted or failed file).
func (p *spillPool) release() {
	for sf := range p.files {
		sf.remove()
		delete(p.files, sf)
	}
}

// spillFile is a buffered *os.File whose writes are counted as they are
// made, so the size estimate sees a run as soon as it is flushed (the
// writers run unbuffered for that reason; see openTable). Reads and seeks
// flush first. The methods are spelled out rather than embedded so that no
// io.ReaderFrom bypasses the buffer; ReadAt lets the merge read the runs
// without seeking.
type spillFile struct {
	f    *os.File
	path string // f's, which an adopted file no longer has under f.Name()
	bw   *bufio.Writer
	n    *int64
}

func (s *spillFile) Write(b []byte) (int, error) {
	n, err := s.bw.Write(b)
	*s.n += int64(n)
	return n, err
}

func (s *spillFile) Read(b []byte) (int, error) {
	if err := s.bw.Flush(); err != nil {
		return 0, err
	}
	return s.f.Read(b)
}

func (s *spillFile) ReadAt(b []byte, off int64) (int, error) {
	if err := s.bw.Flush(); err != nil {
		return 0, err
	}
	return s.f.ReadAt(b, off)
}

func (s *spillFile) Seek(off int64, whence int) (int64, error) {
	if err := s.bw.Flush(); err != nil {
		return 0, err
	}
	return s.f.Seek(off, whence)
}

func (s *spillFile) remove() {
	s.f.Close()
	os.Remove(s.path)
}

type errBuffer struct{ err error }

func (e errBuffer) Read([]byte) (int, error)          { return 0, e.err }
func (e errBuffer) Write([]byte) (int, error)         { return 0, e.err }
func (e errBuffer) Seek(int64, int) (int64, error)    { return 0, e.err }
func (e errBuffer) ReadAt([]byte, int64) (int, error) { return 0, e.err }

// cleanTmp removes the runs and temporary files of dead instances from
// tmpDir, but for the temporary files a commit names (named: see catchUp).
func cleanTmp(dir string, named map[string]bool, dead func(instance string) bool) error {
	ents, err := os.ReadDir(filepath.Join(dir, tmpDir))
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "_") || named[filepath.Join(tmpDir, name)] || !dead(instanceOf(name)) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, tmpDir, name)); err != nil && !os.IsNotExist(err) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
