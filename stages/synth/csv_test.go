package synth

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readCSVRecord reads one cables.csv record as documented in the package
// doc: 8 quoted fields, \" for a quote, newlines kept.
func readCSVRecord(r *bufio.Reader) ([]string, error) {
	var fields []string
	for len(fields) < 8 {
		b, err := r.ReadByte()
		if err != nil {
			if err == io.EOF && len(fields) == 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("field %d: %w", len(fields)+1, err)
		}
		if b != '"' {
			return nil, fmt.Errorf("field %d: want opening quote, got %q", len(fields)+1, b)
		}
		var f []byte
		for {
			b, err := r.ReadByte()
			if err != nil {
				return nil, fmt.Errorf("field %d: %w", len(fields)+1, err)
			}
			if b == '\\' {
				nb, err := r.ReadByte()
				if err != nil {
					return nil, err
				}
				if nb == '"' {
					f = append(f, '"')
					continue
				}
				f = append(f, b, nb)
				continue
			}
			if b == '"' {
				break
			}
			f = append(f, b)
		}
		fields = append(fields, string(f))
		sep, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		want := byte(',')
		if len(fields) == 8 {
			want = '\n'
		}
		if sep != want {
			return nil, fmt.Errorf("after field %d: got %q, want %q", len(fields), sep, want)
		}
	}
	return fields, nil
}

func TestCSVRoundTrip(t *testing.T) {
	const n = 600
	var buf bytes.Buffer
	st, err := WriteCSV(context.Background(), New(Options{Count: n, Seed: 11}), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cables != n || st.Bytes != int64(buf.Len()) {
		t.Fatalf("stats %+v, buffer %d bytes", st, buf.Len())
	}
	if !bytes.Contains(buf.Bytes(), []byte(`\"`)) {
		t.Fatal("no escaped quote in the sample; the test does not exercise escaping")
	}
	r := bufio.NewReader(&buf)
	g := New(Options{Count: n, Seed: 11})
	for i := 0; ; i++ {
		rec, err := readCSVRecord(r)
		if err == io.EOF {
			if i != n {
				t.Fatalf("read %d records, want %d", i, n)
			}
			break
		}
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		c, _ := g.Next()
		want := []string{
			strconv.FormatInt(c.ID, 10), c.Created.Format("01/02/2006 15:04"), c.RefID, c.Origin,
			c.Classification, strings.Join(c.References, ","), c.Header, c.Body,
		}
		for k := range want {
			if rec[k] != want[k] {
				t.Fatalf("record %d field %d:\n got %.200q\nwant %.200q", i+1, k+1, rec[k], want[k])
			}
		}
		if rec[6]+"\n"+rec[7] != c.Text {
			t.Fatalf("record %d: header+body is not the text", i+1)
		}
	}
}

func TestWriteTree(t *testing.T) {
	dir := t.TempDir()
	st, err := WriteTree(context.Background(), New(Options{Count: 40, Seed: 2}), dir)
	if err != nil {
		t.Fatal(err)
	}
	g := New(Options{Count: 40, Seed: 2})
	var total int64
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		p := filepath.Join(dir, c.Created.Format("2006"), c.Created.Format("01"), c.RefID+".txt")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != c.Text {
			t.Fatalf("%s: file differs from the cable", p)
		}
		total += int64(len(b))
	}
	if st.Cables != 40 || st.Bytes != total {
		t.Fatalf("stats %+v, want 40 cables, %d bytes", st, total)
	}
}

func TestWritersHonorCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := WriteCSV(ctx, New(Options{Count: 10, Seed: 1}), io.Discard); !errors.Is(err, context.Canceled) {
		t.Fatalf("WriteCSV: %v, want context.Canceled", err)
	}
	if _, err := WriteTree(ctx, New(Options{Count: 10, Seed: 1}), t.TempDir()); !errors.Is(err, context.Canceled) {
		t.Fatalf("WriteTree: %v, want context.Canceled", err)
	}
}
