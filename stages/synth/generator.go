package synth

import (
	"strconv"
	"strings"
	"time"
)

// Cable is one generated cable.
type Cable struct {
	ID             int64     // numeric id, 1-based, as cables.csv's first column
	RefID          string    // e.g. 07MOSCOW4849; unique within a run
	Created        time.Time // UTC, minute precision; the date-time group's time
	Classification string    // cables.csv form, e.g. CONFIDENTIAL//NOFORN
	Origin         string    // e.g. Embassy Moscow
	References     []string  // reference ids cited in the REF block
	Text           string    // the whole cable: Header + "\n" + Body
	Header         string    // routing lines, each ending in "\n" (cables.csv header)
	Body           string    // from the classification line on (cables.csv body)
}

// Generator yields cables one at a time, deterministically, in date order.
// It holds no cable after returning it; memory stays bounded by the
// largest cable. A Generator is not safe for concurrent use.
type Generator struct {
	opts    Options
	quotas  []int   // cables per year index
	year    int     // current year index
	inYear  int     // cables produced in the current year
	n       int     // cables produced
	serials []int32 // per post and year index: last serial used
	steps   []float64
	cum     []int // cumulative post weights
	w       writer
}

// refStations is each post's station in reference ids (cls without spaces).
var refStations = func() []string {
	s := make([]string, len(posts))
	for i, p := range posts {
		s[i] = strings.ReplaceAll(p.cls, " ", "")
	}
	return s
}()

// New returns a generator of opts.Count cables.
func New(opts Options) *Generator {
	if opts.Count < 0 {
		opts.Count = 0
	}
	g := &Generator{opts: opts}
	g.quotas = apportion(opts.Count, yearCounts[:])
	g.cum = make([]int, len(posts))
	total := 0
	for i, p := range posts {
		total += p.weight
		g.cum[i] = total
	}
	ny := len(yearCounts)
	g.serials = make([]int32, len(posts)*ny)
	g.steps = make([]float64, len(posts)*ny)
	for pi, p := range posts {
		for yi, q := range g.quotas {
			expected := float64(q) * float64(p.weight) / float64(total)
			step := 1.0
			if expected > 0 {
				step = float64(p.annual) / expected
			}
			if step > float64(p.annual)/2 {
				step = float64(p.annual) / 2
			}
			if step < 1 {
				step = 1
			}
			g.steps[pi*ny+yi] = step
		}
	}
	g.w.init()
	return g
}

// Count is the number of cables the generator yields in all.
func (g *Generator) Count() int { return g.opts.Count }

// Next returns the next cable, or false when all have been generated.
func (g *Generator) Next() (Cable, bool) {
	if g.n >= g.opts.Count {
		return Cable{}, false
	}
	for g.inYear >= g.quotas[g.year] {
		g.year++
		g.inYear = 0
	}
	r := newRNG(g.opts.Seed, uint64(g.n))
	year := firstYear + g.year

	// Date: the k-th cable of the year falls in the k-th equal slot.
	start, span := yearSpan(year)
	q := g.quotas[g.year]
	off := (float64(g.inYear) + r.float()) / float64(q) * float64(span)
	created := start.Add(time.Duration(off)).Truncate(time.Minute)

	// Post and serial.
	x := r.intn(g.cum[len(g.cum)-1])
	pi := 0
	for g.cum[pi] <= x {
		pi++
	}
	idx := pi*len(yearCounts) + g.year
	step := g.steps[idx]
	g.serials[idx] += int32(1 + r.intn(int(2*step-1)+1))
	serial := int(g.serials[idx])

	ci := drawClass(&r)
	size := drawSize(&r, g.opts.median())

	w := &g.w
	w.begin(&r, created, pi, serial, ci, size)
	w.cable()

	text := string(w.out)
	refID := strconv.Itoa(year%100 + 100)[1:] + refStations[pi] + strconv.Itoa(serial)
	c := Cable{
		ID:             int64(g.n + 1),
		RefID:          refID,
		Created:        created,
		Classification: classMix[ci].csv,
		Origin:         posts[pi].origin,
		Text:           text,
		Header:         text[:w.headerLen],
		Body:           text[w.headerLen+1:],
	}
	if len(w.refs) > 0 {
		c.References = append([]string(nil), w.refs...)
	}
	g.n++
	g.inYear++
	return c, true
}
