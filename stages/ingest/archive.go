package ingest

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bodgit/sevenzip"
	"github.com/klauspost/compress/zstd"

	"github.com/cablewire/cablewire/schemas"
)

// MemberSep joins an archive's path and a member's name in a document's
// source: "dump.7z!cables.csv:17" is line 17 of cables.csv in dump.7z.
const MemberSep = "!"

// Archive expansion limit: an archive may expand to at most
// MaxExpandRatio times its size on disk, and never less than
// MinExpandBytes, counted over all its members as they are decompressed.
// Real cable dumps compress 4-8x; a bomb (a small file expanding to
// terabytes) is stopped at the limit, reported as unreadable by name, and
// the load goes on with the next input.
const (
	MaxExpandRatio = 100
	MinExpandBytes = 1 << 30
)

// ErrExpandLimit is the reason an archive stopped being read.
var ErrExpandLimit = errors.New("archive expands past the limit")

// Archive kinds, by file name.
const (
	archZip  = "zip"
	arch7z   = "7z"
	archTar  = "tar"
	archTgz  = "tar.gz"
	archTzst = "tar.zst"
	archGz   = "gz"  // one compressed file
	archZst  = "zst" // one compressed file
)

// archiveKind is the archive format path's name says, or "".
func archiveKind(path string) string {
	n := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(n, ".zip"):
		return archZip
	case strings.HasSuffix(n, ".7z"):
		return arch7z
	case strings.HasSuffix(n, ".tar"):
		return archTar
	case strings.HasSuffix(n, ".tar.gz"), strings.HasSuffix(n, ".tgz"):
		return archTgz
	case strings.HasSuffix(n, ".tar.zst"), strings.HasSuffix(n, ".tar.zstd"), strings.HasSuffix(n, ".tzst"):
		return archTzst
	case strings.HasSuffix(n, ".gz"):
		return archGz
	case strings.HasSuffix(n, ".zst"), strings.HasSuffix(n, ".zstd"):
		return archZst
	}
	return ""
}

// expandLimit is the most an archive of size bytes may expand to.
func (r *Reader) expandLimit(size int64) int64 {
	floor := int64(MinExpandBytes)
	if r.minExpand > 0 {
		floor = r.minExpand // tests
	}
	return max(floor, MaxExpandRatio*size)
}

// budget counts decompressed bytes against an archive's limit.
type budget struct {
	left     int64
	limit    int64
	exceeded bool
}

func (b *budget) wrap(r io.Reader) io.Reader { return &budgetReader{r: r, b: b} }

func (b *budget) err() error {
	return fmt.Errorf("%w of %d bytes (%dx its size, at least %d MiB)", ErrExpandLimit, b.limit, MaxExpandRatio, MinExpandBytes>>20)
}

type budgetReader struct {
	r io.Reader
	b *budget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	if br.b.left <= 0 {
		br.b.exceeded = true
		return 0, br.b.err()
	}
	if int64(len(p)) > br.b.left {
		p = p[:br.b.left]
	}
	n, err := br.r.Read(p)
	br.b.left -= int64(n)
	return n, err
}

// readArchive reads every regular member of the archive at path, streamed
// from the file: nothing is unpacked to disk. Members are read in archive
// order; each member's format comes from its name.
func (r *Reader) readArchive(ctx context.Context, path, kind string, f *os.File, fn Visit) error {
	fi, err := f.Stat()
	if err != nil {
		return fn(schemas.Document{Source: path}, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	b := &budget{left: r.expandLimit(fi.Size()), limit: r.expandLimit(fi.Size())}
	bad := func(member string, err error) error {
		src := path
		if member != "" {
			src = path + MemberSep + member
		}
		return fn(schemas.Document{Source: src, RefID: refHint(src)}, fmt.Errorf("%w: %s archive: %w", ErrUnreadable, kind, err))
	}
	// member reads one member; stop reports that the archive must not be
	// read further (its limit is reached).
	member := func(name string, rd io.Reader) (stop bool, err error) {
		if ctx.Err() != nil {
			return true, ctx.Err()
		}
		if archiveKind(name) != "" {
			if r.OnSkip != nil {
				r.OnSkip(path+MemberSep+name, "archive inside an archive (not read; unpack it or name it as an input)")
			}
			return false, nil
		}
		err = r.readStream(ctx, path+MemberSep+name, b.wrap(rd), formatOf(name), fn)
		if b.exceeded || errors.Is(err, ErrExpandLimit) {
			return true, bad(name, b.err())
		}
		return err != nil, err
	}
	// opened reads a member of a zip or 7z archive, which are opened one
	// by one: directories are passed over, other non-regular members
	// skipped with a reason.
	opened := func(name string, mode fs.FileMode, open func() (io.ReadCloser, error)) (stop bool, err error) {
		switch {
		case mode.IsDir():
			return false, nil
		case !mode.IsRegular():
			if r.OnSkip != nil {
				r.OnSkip(path+MemberSep+name, "not a regular file in the archive (not read)")
			}
			return false, nil
		}
		rc, err := open()
		if err != nil {
			err = bad(name, err)
			return err != nil, err
		}
		defer rc.Close()
		return member(name, rc)
	}
	counted := r.countReader(f).(*countingReader)
	switch kind {
	case archGz, archZst, archTar, archTgz, archTzst:
		var rd io.Reader = counted
		switch kind {
		case archGz, archTgz:
			zr, err := gzip.NewReader(rd)
			if err != nil {
				return bad("", err)
			}
			defer zr.Close()
			rd = zr
		case archZst, archTzst:
			zr, err := zstd.NewReader(rd, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(1<<27))
			if err != nil {
				return bad("", err)
			}
			defer zr.Close()
			rd = zr
		}
		if kind == archGz || kind == archZst {
			inner := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			_, err := member(inner, rd)
			return err
		}
		tr := tar.NewReader(rd)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				if b.exceeded {
					return bad("", b.err())
				}
				return bad("", err)
			}
			if h.Typeflag == tar.TypeDir {
				continue
			}
			if h.Typeflag != tar.TypeReg {
				if r.OnSkip != nil {
					r.OnSkip(path+MemberSep+h.Name, "not a regular file in the archive (not read)")
				}
				continue
			}
			if stop, err := member(h.Name, tr); stop || err != nil {
				return err
			}
		}
	case archZip:
		zr, err := zip.NewReader(countingReaderAt{f, counted}, fi.Size())
		if err != nil {
			return bad("", err)
		}
		for _, zf := range zr.File {
			if stop, err := opened(zf.Name, zf.Mode(), zf.Open); stop || err != nil {
				return err
			}
		}
		return nil
	case arch7z:
		zr, err := sevenzip.NewReader(countingReaderAt{f, counted}, fi.Size())
		if err != nil {
			return bad("", err)
		}
		for _, zf := range zr.File {
			if stop, err := opened(zf.Name, zf.Mode(), zf.Open); stop || err != nil {
				return err
			}
		}
		return nil
	}
	return bad("", fmt.Errorf("unknown archive kind"))
}
