package main

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// The page's parts. echarts.min.js and world.json are vendored by
// scripts/vendor-report.sh (pinned npm versions, checked checksums);
// report.html, report.css and report.js are this project's.
var (
	//go:embed assets/report.html
	pageHTML string
	//go:embed assets/report.css
	pageCSS string
	//go:embed assets/report.js
	pageJS string
	//go:embed assets/echarts.min.js
	echartsJS string
	//go:embed assets/world.json
	worldJSON string
)

// pageSlots are the markers of report.html, in the order they appear, and
// what replaces each.
var pageSlots = []string{"/*STYLE*/", "/*WORLD*/", "/*DATA*/", "/*NODES*/", "/*ECHARTS*/", "/*SCRIPT*/"}

// writePage writes the self-contained page: everything it needs is inline,
// so it opens with no network. The data is JSON in a script element;
// encoding/json escapes <, > and & in strings, so no value can close it.
func writePage(w io.Writer, rep *report) error {
	data, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	nodes, err := json.Marshal(rep.ByNode)
	if err != nil {
		return err
	}
	fill := map[string]string{
		"/*STYLE*/": pageCSS, "/*WORLD*/": worldJSON, "/*DATA*/": string(data), "/*NODES*/": string(nodes),
		"/*ECHARTS*/": echartsJS, "/*SCRIPT*/": pageJS,
	}
	for _, part := range []string{worldJSON, echartsJS, pageJS} {
		if strings.Contains(strings.ToLower(part), "</script") {
			return fmt.Errorf("report page: an inlined script contains </script")
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	rest := pageHTML
	for _, slot := range pageSlots {
		before, after, ok := strings.Cut(rest, slot)
		if !ok {
			return fmt.Errorf("report page: template has no %s", slot)
		}
		bw.WriteString(before)
		bw.WriteString(fill[slot])
		rest = after
	}
	bw.WriteString(rest)
	return bw.Flush()
}
