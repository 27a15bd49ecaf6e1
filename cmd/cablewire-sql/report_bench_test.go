package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// benchWarehouse is $CABLEWIRE_BENCH_WAREHOUSE (a warehouse of `cablewire
// gen --count N` + `cablewire run`, for the full size), or 2,000 generated
// cables.
func benchWarehouse(b *testing.B) string {
	if dir := os.Getenv("CABLEWIRE_BENCH_WAREHOUSE"); dir != "" {
		return dir
	}
	return buildGeneratedWarehouse(b, 2000, 21)
}

// BenchmarkReport is the report's cost: every query and the page.
//
//	CABLEWIRE_BENCH_WAREHOUSE=W go test ./cmd/cablewire-sql -run '^$' -bench 'Report$' -benchtime 1x
func BenchmarkReport(b *testing.B) {
	dir := benchWarehouse(b)
	out := filepath.Join(b.TempDir(), "report.html")
	var cables int64
	for b.Loop() {
		rep, err := buildReport(context.Background(), testOptions(dir))
		if err != nil {
			b.Fatal(err)
		}
		if err := writeReportFile(out, rep); err != nil {
			b.Fatal(err)
		}
		cables = rep.Cables
	}
	st, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(cables), "cables")
	b.ReportMetric(float64(st.Size())/1e6, "page-MB")
}

// BenchmarkReportPageOpen is how long headless Chromium takes from
// navigation to the page having drawn every chart (ms-drawn), for the report
// of the benchmark's warehouse.
func BenchmarkReportPageOpen(b *testing.B) {
	dir := benchWarehouse(b)
	rep, err := buildReport(context.Background(), testOptions(dir))
	if err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(b.TempDir(), "report.html")
	if err := writeReportFile(page, rep); err != nil {
		b.Fatal(err)
	}
	ctx, _ := openInChromium(b)
	var total float64
	n := 0
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
			b.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.cablewireReport && cablewireReport.ready`,
			chromedp.WithPollingTimeout(time.Minute))); err != nil {
			b.Fatal(err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`cablewireReport.drawnMs`))
		if err != nil {
			b.Fatal(err)
		}
		total += ms
		n++
		parts, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`cablewireReport.drawTimes`))
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("drawn in %.0f ms; parts (ms): %v", ms, parts)
	}
	b.ReportMetric(total/float64(n), "ms-drawn")
	b.ReportMetric(float64(rep.Cables), "cables")
}
