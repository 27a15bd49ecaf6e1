package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/cablewire/cablewire/pipeline"
)

// summaryFormat and summaryVersion name the JSON summary's format. Fields
// are only ever added within a version; a rename or a change of meaning
// makes a new version.
const (
	summaryFormat  = "cablewire.load-summary"
	summaryVersion = 1
)

// jsonSummary is the --summary-json document (README: "JSON summary").
type jsonSummary struct {
	Format         string       `json:"format"`
	Version        int          `json:"version"`
	Command        string       `json:"command"`
	Status         string       `json:"status"` // ok, dead-letters, failed, interrupted, usage
	ExitStatus     int          `json:"exit_status"`
	Error          string       `json:"error,omitempty"`
	Started        string       `json:"started,omitempty"` // RFC 3339, UTC
	ElapsedSeconds float64      `json:"elapsed_seconds"`
	CablesPerSec   float64      `json:"cables_per_second"`
	Warehouse      string       `json:"warehouse"`
	Sources        []jsonSource `json:"sources"`
	Cables         loadCounts   `json:"cables"`
	DeadLetters    []jsonReason `json:"dead_letters"`
	Unreadable     []string     `json:"unreadable"`
	Skipped        []jsonSkip   `json:"skipped"`
	Rows           *jsonRows    `json:"rows,omitempty"`
	Files          *jsonFiles   `json:"files,omitempty"`
	Interrupted    bool         `json:"interrupted"`
}

type jsonSource struct {
	Path      string `json:"path"`
	Kind      string `json:"kind"` // file, directory, archive, stdin, stream
	SizeBytes int64  `json:"size_bytes"`
	BytesRead int64  `json:"bytes_read"`
	Documents int64  `json:"documents"`
}

type jsonReason struct {
	Stage  string `json:"stage"`
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

type jsonSkip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

type jsonRows struct {
	Cables     int64 `json:"cables"`
	Paragraphs int64 `json:"paragraphs"`
	Entities   int64 `json:"entities"`
}

type jsonFiles struct {
	Written int64 `json:"written"`
	Commits int64 `json:"commits"`
	Bytes   int64 `json:"bytes"`
	Merged  int64 `json:"merged"`
}

func statusName(code int) string {
	switch code {
	case exitOK:
		return "ok"
	case exitDeadLetters:
		return "dead-letters"
	case exitInterrupted:
		return "interrupted"
	case exitUsage:
		return "usage"
	case exitBusy:
		return "busy"
	}
	return "failed"
}

func toJSONSummary(s summary) jsonSummary {
	j := jsonSummary{
		Format: summaryFormat, Version: summaryVersion, Command: s.command,
		Status: statusName(s.exitStatus), ExitStatus: s.exitStatus, Error: s.err,
		ElapsedSeconds: s.elapsed.Seconds(), Warehouse: s.warehouse, Cables: s.counts(),
		Interrupted: s.interrupted,
		Sources:     []jsonSource{}, DeadLetters: []jsonReason{}, Unreadable: []string{}, Skipped: []jsonSkip{},
	}
	if !s.started.IsZero() {
		j.Started = s.started.UTC().Format(time.RFC3339Nano)
	}
	if secs := s.elapsed.Seconds(); secs > 0 {
		j.CablesPerSec = float64(s.ingest.Read) / secs
	}
	for _, src := range s.ingest.Sources {
		j.Sources = append(j.Sources, jsonSource{src.Path, src.Kind, src.Size, src.Bytes.Load(), src.Documents.Load()})
	}
	for _, r := range pipeline.SortReasons(s.ingest.Reasons) {
		j.DeadLetters = append(j.DeadLetters, jsonReason{"ingest", r.Reason, r.Count})
	}
	for _, st := range s.stages {
		for _, r := range st.Reasons() {
			j.DeadLetters = append(j.DeadLetters, jsonReason{st.Name, r.Reason, r.Count})
		}
	}
	j.Unreadable = append(j.Unreadable, s.ingest.UnreadablePaths...)
	for _, sk := range s.ingest.Skipped {
		j.Skipped = append(j.Skipped, jsonSkip{sk.Path, sk.Reason})
	}
	if s.sink != nil {
		st := &s.sink.Stats
		j.Rows = &jsonRows{st.Cables.Load(), st.Paragraphs.Load(), st.Entities.Load()}
		j.Files = &jsonFiles{st.Files.Load(), st.Commits.Load(), st.Bytes.Load(), st.Merged.Load()}
	}
	return j
}

// writeSummaryJSONTo writes the JSON summary to path ("-": stdout),
// atomically for a file, so a reader never sees half of one.
func writeSummaryJSONTo(path string, stdout io.Writer, s summary) error {
	b, err := json.MarshalIndent(toJSONSummary(s), "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "-" {
		_, err := stdout.Write(b)
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}
