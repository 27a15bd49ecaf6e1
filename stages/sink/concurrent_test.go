package sink

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
)

// cableRows is every (ref_id, version) in the committed cables files of
// dir, and the same of every other table, checked to agree.
func cableRows(t *testing.T, dir string) []verKey {
	t.Helper()
	var out []verKey
	for _, r := range records(t, dir) {
		perTable := map[string][]verKey{}
		for _, f := range r.Files {
			var got []verKey
			path := filepath.Join(dir, f.Path)
			switch f.Table {
			case schemas.TableCables:
				for _, row := range readRows[schemas.CableRow](t, path) {
					got = append(got, verKey{row.RefID, row.Version})
				}
			case schemas.TableParagraphs:
				for _, row := range readRows[schemas.ParagraphRow](t, path) {
					got = append(got, verKey{row.RefID, row.Version})
				}
			default:
				continue
			}
			if int64(len(got)) != f.Rows {
				t.Errorf("%s: %d rows, record says %d", f.Path, len(got), f.Rows)
			}
			perTable[f.Table] = slices.Compact(got)
		}
		if !slices.Equal(perTable[schemas.TableCables], perTable[schemas.TableParagraphs]) {
			t.Errorf("record %s: cables %v, paragraphs %v", r.ID, perTable[schemas.TableCables], perTable[schemas.TableParagraphs])
		}
		out = append(out, perTable[schemas.TableCables]...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ref < out[j].ref || out[i].ref == out[j].ref && out[i].v < out[j].v })
	return out
}

// Two sinks on one warehouse that have not caught up with each other
// (two loads at once, each with its own broker) take the same cables. The
// second to commit finds, under the commit lock, what the first committed:
// it drops those cables from its files (acking their messages), keeps the
// rest, and gives a changed cable the next free version.
func TestSinksThatHaveNotCaughtUpCommitEachCableOnce(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(7, 7))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	clock := newClock()
	a := openSink(t, Config{Dir: dir, Now: clock.Now})
	b := openSink(t, Config{Dir: dir, Now: clock.Now})

	x := synthCable(r, "09X1", at, 600)
	y := synthCable(r, "09Y1", at.Add(time.Hour), 600)
	z := synthCable(r, "09Z1", at.Add(2*time.Hour), 600)
	zA, zB := z, z
	zA.ContentHash, zA.Subject = "h-za", "CHANGED BY A"
	zB.ContentHash, zB.Subject = "h-zb", "CHANGED BY B"

	// z is committed, and known to both.
	add(t, a, cableMsg(t, z, 1))
	flush(t, a)
	clock.advance(catchUpEvery)
	for _, s := range []*Sink{a, b} {
		if _, err := s.Tick(t.Context(), clock.Now()); err != nil {
			t.Fatal(err)
		}
	}

	// Now both take x and a changed z; b also takes y. Neither has caught
	// up when it commits.
	add(t, a, cableMsg(t, x, 2))
	add(t, a, cableMsg(t, zA, 3))
	add(t, b, cableMsg(t, x, 12))
	add(t, b, cableMsg(t, y, 13))
	add(t, b, cableMsg(t, zB, 14))
	add(t, b, cableMsg(t, zA, 15)) // after zB: b writes it as version 3
	flush(t, a)
	res := flush(t, b)
	if got := sortedSeqs(res.Committed); !slices.Equal(got, []uint64{12, 13, 14, 15}) {
		t.Fatalf("b handed back %v, want every message [12 13 14 15] acked", got)
	}

	want := []verKey{{"09X1", 1}, {"09Y1", 1}, {"09Z1", 1}, {"09Z1", 2}, {"09Z1", 3}}
	if got := cableRows(t, dir); !slices.Equal(got, want) {
		t.Fatalf("warehouse holds %v, want %v", got, want)
	}
	// b's record: ids sort by time, then instance (random), so the log's
	// last record may be a's.
	var last *Record
	for _, r := range records(t, dir) {
		if r.Instance == b.instance {
			last = r
		}
	}
	byRef := map[string]CableRecord{}
	for _, c := range last.Cables {
		byRef[c.RefID] = c
	}
	if _, ok := byRef["09X1"]; ok || byRef["09Y1"].Version != 1 || byRef["09Z1"] != (CableRecord{"09Z1", "h-zb", 3}) {
		t.Errorf("b's record %+v: want 09Y1 v1 and 09Z1 h-zb v3, no 09X1", last.Cables)
	}
	if d := b.Stats.Duplicates.Load(); d != 2 {
		t.Errorf("b counted %d duplicates, want 2 (x, and zA which a committed)", d)
	}
	if tmp := tmpFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// A sink whose every cable another committed writes nothing at all.
	c := openSink(t, Config{Dir: dir, Now: clock.Now})
	d := openSink(t, Config{Dir: dir, Now: clock.Now})
	w := synthCable(r, "09W1", at.Add(3*time.Hour), 600)
	add(t, c, cableMsg(t, w, 21))
	add(t, d, cableMsg(t, w, 31))
	flush(t, c)
	n := len(records(t, dir))
	if res := flush(t, d); !slices.Equal(seqsOf(res.Committed), []uint64{31}) {
		t.Fatalf("d handed back %v, want [31]", seqsOf(res.Committed))
	}
	if len(records(t, dir)) != n {
		t.Errorf("d wrote a commit record for cables already committed")
	}
}
