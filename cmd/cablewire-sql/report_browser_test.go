package main

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium (.ci/install-chromium installs it), or
// $CABLEWIRE_CHROMIUM.
func chromiumPath() string {
	if p := os.Getenv("CABLEWIRE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// openInChromium starts headless Chromium with a fresh profile and returns
// a tab's context, and the console messages of type error and the
// exceptions the page has logged so far.
func openInChromium(t testing.TB) (context.Context, func() []string) {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		t.Skip("headless Chromium not found: install Debian's chromium (.ci/install-chromium does) or set CABLEWIRE_CHROMIUM")
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	)
	t.Cleanup(cancelA)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelT)

	var mu sync.Mutex
	var errs []string
	messages := chromedp.Console(ctx) // subscribes now, before the page loads
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// marks counts, for each chart, the SVG shapes ECharts drew in it.
type marks struct {
	Monthly    int `json:"chart-monthly"`
	Posts      int `json:"chart-posts"`
	Tags       int `json:"chart-tags"`
	Network    int `json:"chart-network"`
	Map        int `json:"chart-map"`
	Sparks     int `json:"sparks"`     // sparklines with a line drawn
	SparkCells int `json:"sparkCells"` // sparkline containers
}

const marksJS = `(() => {
  const out = {};
  for (const id of ["chart-monthly", "chart-posts", "chart-tags", "chart-network", "chart-map"]) {
    out[id] = document.querySelectorAll("#" + id + " svg path").length;
  }
  const cells = [...document.querySelectorAll("div.spark")];
  out.sparkCells = cells.length;
  out.sparks = cells.filter((d) => d.querySelector("svg path")).length;
  return out;
})()`

// pageState is what the page shows after a click.
type pageState struct {
	Selected     *int64 `json:"selected"`
	Banner       bool   `json:"banner"`
	FilterName   string `json:"filterName"`
	MonthlyTotal int64  `json:"monthlyTotal"`
	PostsTotal   int64  `json:"postsTotal"`
	FirstPost    string `json:"firstPost"`
	Sparklines   int    `json:"sparklines"`
	MapCountries int    `json:"mapCountries"`
}

const stateJS = `(() => {
  const opt = (id) => echarts.getInstanceByDom(document.getElementById(id)).getOption();
  const total = (id) => opt(id).series.reduce((a, s) => a + s.data.reduce((x, y) => x + (typeof y === "number" ? y : 0), 0), 0);
  const posts = opt("chart-posts");
  const cats = posts.yAxis[0].data;
  return {
    selected: cablewireReport.selected(),
    banner: !document.getElementById("filter-banner").hidden,
    filterName: document.getElementById("filter-name").textContent,
    monthlyTotal: total("chart-monthly"),
    postsTotal: total("chart-posts"),
    firstPost: cats.length ? cats[cats.length - 1] : "",
    sparklines: cablewireReport.sparklines(),
    mapCountries: opt("chart-map").series[0].data.filter((d) => d && d.cables !== undefined).length,
  };
})()`

type nodeLayout struct {
	ID int64   `json:"id"`
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
	R  float64 `json:"r"`
}

// TestReportInBrowser opens the report as an analyst would, in headless
// Chromium: every chart draws, nothing logs an error, and a click on a
// network node filters the page to the cables mentioning it. It saves a
// screenshot ($CABLEWIRE_REPORT_SCREENSHOT names where; the README's is
// made so).
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium and draws a report (10-35 s): skipped with -short")
	}
	ctx, consoleErrors := openInChromium(t)
	dir := buildGeneratedWarehouse(t, 600, 11)
	rep, err := buildReport(context.Background(), testOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := writeReportFile(page, rep); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.cablewireReport && cablewireReport.ready`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the page never drew: %v (console: %q)", err, consoleErrors())
	}
	drawn, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`cablewireReport.drawnMs`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page drawn %.0f ms after navigation (%d cables, %d nodes, %d edges)", drawn, rep.Cables, len(rep.Network.Nodes), len(rep.Network.Edges))

	m, err := chromedp.Run(ctx, chromedp.Evaluate[marks](marksJS))
	if err != nil {
		t.Fatal(err)
	}
	withData := 0
	for _, k := range rep.Monthly.Keys {
		for _, n := range rep.Monthly.Series[k] {
			if n > 0 {
				withData++
			}
		}
	}
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"cables per month (a bar per month and classification with cables)", m.Monthly, withData},
		{"posts (a bar each)", m.Posts, len(rep.Posts.Rows)},
		{"TAGS over time (a line each)", m.Tags, len(rep.Tags.Keys)},
		{"network (a shape per node)", m.Network, len(rep.Network.Nodes)},
		{"map (a shape per country)", m.Map, 150},
		{"sparklines drawn", m.Sparks, 45},
	} {
		if c.got < c.want {
			t.Errorf("%s: %d SVG paths, want at least %d", c.name, c.got, c.want)
		}
	}
	if m.SparkCells != 45 {
		t.Errorf("%d sparklines, want 45 (15 each of people, organizations, places)", m.SparkCells)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors after drawing: %q", errs)
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}

	// Click the biggest node that no other node overlaps.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("chart-network").scrollIntoView(), true`)); err != nil {
		t.Fatal(err)
	}
	layouts, err := chromedp.Run(ctx, chromedp.Evaluate[[]nodeLayout](`cablewireReport.nodeLayouts()`))
	if err != nil {
		t.Fatal(err)
	}
	target := pickClear(layouts, 1400, 1000)
	if target == nil {
		t.Fatalf("no network node stands clear of the others to click: %d nodes", len(layouts))
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(target.X, target.Y)); err != nil {
		t.Fatal(err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	if st.Selected == nil {
		t.Fatalf("a click on node %d at (%.0f, %.0f) filtered nothing: %+v", target.ID, target.X, target.Y, st)
	}
	node := nodeByID(rep, *st.Selected)
	if *st.Selected != target.ID {
		t.Logf("clicked node %d, the page selected %d (%s)", target.ID, *st.Selected, node.Name)
	}
	if !st.Banner || st.FilterName != fmt.Sprintf("%s (%s)", node.Name, node.Type) {
		t.Errorf("banner shown %v, naming %q; want %s (%s)", st.Banner, st.FilterName, node.Name, node.Type)
	}
	if st.MonthlyTotal != node.Cables {
		t.Errorf("filtered to %s: cables per month add up to %d, want its %d cables", node.Name, st.MonthlyTotal, node.Cables)
	}
	if posts := rep.ByNode.Posts[node.ID]; len(posts) == 0 || st.FirstPost != posts[0].Name || st.PostsTotal > node.Cables {
		t.Errorf("filtered posts: first %q, total %d; want %v, at most %d", st.FirstPost, st.PostsTotal, rep.ByNode.Posts[node.ID], node.Cables)
	}
	if st.Sparklines != 0 || st.MapCountries != len(rep.ByNode.Map[node.ID]) {
		t.Errorf("filtered: %d sparklines (want 0: co-mentions instead), %d map countries (want %d)", st.Sparklines, st.MapCountries, len(rep.ByNode.Map[node.ID]))
	}
	m2, err := chromedp.Run(ctx, chromedp.Evaluate[marks](marksJS))
	if err != nil {
		t.Fatal(err)
	}
	if m2.Monthly == 0 || m2.Posts == 0 || m2.Tags == 0 || m2.Map < 150 {
		t.Errorf("filtered charts drew nothing: %+v", m2)
	}

	// And back to every cable.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("filter-clear"))); err != nil {
		t.Fatal(err)
	}
	st, err = chromedp.Run(ctx, chromedp.Evaluate[pageState](stateJS))
	if err != nil {
		t.Fatal(err)
	}
	if st.Selected != nil || st.Banner || st.MonthlyTotal != rep.Cables || st.Sparklines != 45 {
		t.Errorf("after Show all: %+v, want no selection and %d cables", st, rep.Cables)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}

	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 2000 {
		t.Errorf("screenshot %v: want the whole page", b)
	}
	out := os.Getenv("CABLEWIRE_REPORT_SCREENSHOT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "report.png")
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", out, len(shot))
}

// pickClear is the biggest node inside the w x h viewport that no other
// node's disc comes near, so a click at its centre can only hit it.
func pickClear(ls []nodeLayout, w, h float64) *nodeLayout {
	var best *nodeLayout
	for i := range ls {
		a := &ls[i]
		if a.X < a.R || a.Y < a.R || a.X > w-a.R || a.Y > h-a.R {
			continue
		}
		clear := true
		for j := range ls {
			b := &ls[j]
			if i != j && math.Hypot(a.X-b.X, a.Y-b.Y) < a.R+b.R+4 {
				clear = false
				break
			}
		}
		if clear && (best == nil || a.R > best.R) {
			best = a
		}
	}
	return best
}

func nodeByID(rep *report, id int64) netNode {
	for _, n := range rep.Network.Nodes {
		if n.ID == id {
			return n
		}
	}
	return netNode{ID: id}
}
