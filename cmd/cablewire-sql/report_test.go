package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/parse"
	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/synth"
)

// buildGeneratedWarehouse writes n generated cables, parsed and enriched
// as the pipeline's stages do, through the real sink into a new directory.
func buildGeneratedWarehouse(t testing.TB, n int, seed int64) string {
	t.Helper()
	dir := t.TempDir()
	s, err := sink.Open(sink.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	g := synth.New(synth.Options{Count: n, Seed: seed})
	seq := uint64(0)
	for c, ok := g.Next(); ok; c, ok = g.Next() {
		seq++
		cable, err := parse.Parse(schemas.Document{RefID: c.RefID, Format: schemas.FormatText,
			Source: c.RefID + ".txt", Hash: fmt.Sprintf("h%d", seq), Body: []byte(c.Text)})
		if err != nil {
			t.Fatalf("%s: %v", c.RefID, err)
		}
		enrich.Enrich(&cable)
		data, err := json.Marshal(cable)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Add(ctx, &pipeline.Message{Data: data, Stream: "S", Seq: seq}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 {
		t.Fatalf("flush: %d failed", len(res.Failed))
	}
	return dir
}

func sum(v []int64) (n int64) {
	for _, x := range v {
		n += x
	}
	return n
}

func testOptions(dir string) reportOptions {
	return reportOptions{warehouse: dir, nodes: 300, edges: 1500}
}

func TestReportAgreesWithTheWarehouse(t *testing.T) {
	dir := buildGeneratedWarehouse(t, 400, 7)
	rep, err := buildReport(context.Background(), testOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	conn, _ := openWarehouse(t, dir)
	if want := scalar[int64](t, conn, "SELECT count(DISTINCT ref_id) FROM cables"); rep.Cables != want || want != 400 {
		t.Fatalf("report has %d cables, the warehouse %d, want 400", rep.Cables, want)
	}
	var monthly int64
	for _, k := range rep.Monthly.Keys {
		monthly += sum(rep.Monthly.Series[k])
	}
	if monthly != rep.Cables {
		t.Errorf("cables per month add up to %d, want %d", monthly, rep.Cables)
	}
	if first := scalar[string](t, conn, "SELECT strftime(min(created), '%Y-%m') FROM cables"); rep.Months[0] != first {
		t.Errorf("months start at %s, want %s", rep.Months[0], first)
	}
	top := rep.Posts.Rows[0]
	if want := scalar[int64](t, conn, "SELECT count(*) FROM cables WHERE coalesce(origin_post, origin) = "+quote(top.Name)); top.Cables != want {
		t.Errorf("top post %s: %d cables, the warehouse %d", top.Name, top.Cables, want)
	}
	for _, typ := range []string{"PERSON", "ORG", "PLACE"} {
		rows := rep.Entities.Types[typ]
		if len(rows) != 15 {
			t.Errorf("%s: %d rows, want 15", typ, len(rows))
		}
		for i, r := range rows {
			if sum(r.Spark) != r.Cables {
				t.Errorf("%s %s: sparkline adds up to %d, want %d", typ, r.Name, sum(r.Spark), r.Cables)
			}
			if i > 0 && r.Cables > rows[i-1].Cables {
				t.Errorf("%s: not most first at %s", typ, r.Name)
			}
		}
		r := rows[0]
		want := scalar[int64](t, conn, fmt.Sprintf("SELECT count(DISTINCT ref_id) FROM entities WHERE type = '%s' AND canonical = %s", typ, quote(r.Name)))
		if r.Cables != want {
			t.Errorf("%s %s: %d cables, the warehouse %d", typ, r.Name, r.Cables, want)
		}
	}
	if len(rep.Network.Nodes) < 50 || len(rep.Network.Edges) == 0 {
		t.Fatalf("network of %d nodes and %d edges", len(rep.Network.Nodes), len(rep.Network.Edges))
	}
	byID := map[int64]netNode{}
	for _, n := range rep.Network.Nodes {
		if n.Type != "PERSON" && n.Type != "ORG" {
			t.Errorf("node %+v: want people and organizations only", n)
		}
		byID[n.ID] = n
		var nm int64
		for _, x := range rep.ByNode.Monthly[n.ID] {
			nm += x[2]
		}
		if nm != n.Cables {
			t.Errorf("node %s: its cables per month add up to %d, want %d", n.Name, nm, n.Cables)
		}
	}
	e := rep.Network.Edges[0]
	a, b := byID[e[0]], byID[e[1]]
	both := scalar[int64](t, conn, fmt.Sprintf(`SELECT count(*) FROM
		(SELECT ref_id FROM entities WHERE type = '%s' AND canonical = %s INTERSECT SELECT ref_id FROM entities WHERE type = '%s' AND canonical = %s)`,
		a.Type, quote(a.Name), b.Type, quote(b.Name)))
	if e[2] != both || both == 0 {
		t.Errorf("edge %s - %s: %d cables, the warehouse %d", a.Name, b.Name, e[2], both)
	}
	us := scalar[int64](t, conn, `SELECT count(DISTINCT ref_id) FROM (
		SELECT ref_id, unnest(countries) AS c FROM cables UNION ALL SELECT ref_id, country FROM entities) WHERE c = 'US'`)
	found := false
	for _, r := range rep.Map.Rows {
		if r.Name == "US" {
			found = true
			if r.Cables != us {
				t.Errorf("map: US %d cables, the warehouse %d", r.Cables, us)
			}
		}
		if len(r.Name) != 2 {
			t.Errorf("map: %q is no ISO 3166-1 alpha-2 code", r.Name)
		}
	}
	if !found {
		t.Errorf("map has no US: %+v", rep.Map.Rows)
	}
	if len(rep.Loads.Rows) != 1 || rep.Loads.Rows[0].Cables != 400 || rep.Loads.Rows[0].Files == 0 || rep.Loads.Rows[0].Bytes == 0 {
		t.Errorf("loads: %+v, want one load of 400 cables", rep.Loads.Rows)
	}
}

func TestReportFilters(t *testing.T) {
	dir := buildGeneratedWarehouse(t, 400, 8)
	conn, _ := openWarehouse(t, dir)
	tag := scalar[string](t, conn, "SELECT t FROM (SELECT unnest(tags) AS t FROM cables) GROUP BY t ORDER BY count(*) DESC, t LIMIT 1")
	country := scalar[string](t, conn, "SELECT c FROM (SELECT unnest(countries) AS c FROM cables) GROUP BY c ORDER BY count(*) DESC, c LIMIT 1")
	to := scalar[string](t, conn, "SELECT strftime(max(created), '%Y-%m') FROM cables")
	from := scalar[string](t, conn, "SELECT strftime(max(created) - INTERVAL 13 MONTH, '%Y-%m') FROM cables")
	for _, tc := range []struct {
		name  string
		set   func(*reportOptions)
		where string
	}{
		{"tag", func(o *reportOptions) { o.tag = tag }, fmt.Sprintf("list_contains(tags, '%s')", tag)},
		{"country", func(o *reportOptions) { o.country = country }, fmt.Sprintf("list_contains(countries, '%s')", country)},
		{"months", func(o *reportOptions) { o.from, o.to = from, to },
			fmt.Sprintf("strftime(created, '%%Y-%%m') BETWEEN '%s' AND '%s'", from, to)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions(dir)
			tc.set(&o)
			rep, err := buildReport(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			want := scalar[int64](t, conn, "SELECT count(DISTINCT ref_id) FROM cables WHERE "+tc.where)
			if rep.Cables != want || want == 0 || want == 400 {
				t.Errorf("%d cables, want %d (of 400)", rep.Cables, want)
			}
			if tc.name == "months" && (rep.Months[0] < from || rep.Months[len(rep.Months)-1] > to) {
				t.Errorf("months %s..%s outside %s..%s", rep.Months[0], rep.Months[len(rep.Months)-1], from, to)
			}
			for _, def := range rep.Defs[:1] {
				if !strings.Contains(def.SQL, strings.SplitN(tc.where, "(", 2)[0]) && tc.name != "months" {
					t.Errorf("the SQL shown does not hold the filter %s:\n%s", tc.where, def.SQL)
				}
			}
		})
	}
}

func TestReportRejectsBadFlags(t *testing.T) {
	dir := buildWarehouse(t)
	for _, args := range [][]string{
		{"--from", "2006-13"}, {"--to", "2006"}, {"--from", "2008-01", "--to", "2007-12"},
		{"--country", "serbia"}, {"--country", "R'"}, {"--tag", "PREL'; DROP"}, {"--nodes", "1"}, {"extra"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), append([]string{"report", "--warehouse", dir, "--out", filepath.Join(t.TempDir(), "r.html")}, args...), &out, &errb)
		if err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("%q: err %v, want a usage error", args, err)
		}
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"report", "--warehouse", dir, "--out", filepath.Join(t.TempDir(), "r.html"), "--tag", "NOSUCH"}, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "no cables match") {
		t.Errorf("a filter matching nothing: %v", err)
	}
}

func TestReportPageIsSelfContained(t *testing.T) {
	dir := buildGeneratedWarehouse(t, 120, 9)
	out := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"report", "--warehouse", dir, "--out", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, slot := range pageSlots {
		if strings.Contains(page, slot) {
			t.Errorf("page still holds the marker %s", slot)
		}
	}
	// Nothing is fetched at view time: no external script, style or image.
	for _, bad := range []string{`src="http`, `href="http`, `<link `, `src="//`, "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("page refers to something outside it: %s", bad)
		}
	}
	if !strings.Contains(page, echartsJS[:200]) || !strings.Contains(page, worldJSON[:200]) {
		t.Error("page does not inline ECharts and the map")
	}
	if !strings.Contains(stdout.String(), "report: 120 cables") {
		t.Errorf("output %q", stdout.String())
	}
}
