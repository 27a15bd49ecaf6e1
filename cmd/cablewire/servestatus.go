package main

import (
	"net/http"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// cableStatus is GET /v1/cables/{ref_id}'s answer: where a cable is.
type cableStatus struct {
	RefID string `json:"ref_id"`
	// Status is "queued" (a message for it waits in a stream: not all of
	// it is committed yet), else of the last that happened to it:
	// "committed" or "dead-lettered".
	Status      string             `json:"status"`
	Queued      []queuedAt         `json:"queued,omitempty"`
	Committed   []sink.Committed   `json:"committed,omitempty"`
	DeadLetters []deadLetterStatus `json:"dead_letters,omitempty"`
	// Note says what was not looked at (no --warehouse).
	Note  string `json:"note,omitempty"`
	Error string `json:"error,omitempty"`
}

type queuedAt struct {
	Stage string `json:"stage"` // the stage it waits for: parse, enrich or sink
	pipeline.Stored
}

type deadLetterStatus struct {
	Stage  string    `json:"stage"`
	Reason string    `json:"reason"`
	Time   time.Time `json:"time"`
	Source string    `json:"source,omitempty"`
	Seq    uint64    `json:"seq"` // in the dead-letter stream: `cablewire dlq --show SEQ`
}

// maxRefID bounds the path's reference id (real ones are under 30 bytes).
const maxRefID = 256

func (sc *serveConfig) getCable(w http.ResponseWriter, r *http.Request) {
	if !sc.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cablewire"`)
		writeJSON(w, http.StatusUnauthorized, cableStatus{Error: "a valid bearer token is required"})
		return
	}
	ref := r.PathValue("ref_id")
	if ref == "" || len(ref) > maxRefID {
		writeJSON(w, http.StatusBadRequest, cableStatus{RefID: ref, Error: "a reference id of 1 to 256 bytes"})
		return
	}
	st, err := sc.status(r, ref)
	switch {
	case err != nil:
		st.Error = err.Error()
		writeJSON(w, http.StatusBadGateway, st)
	case st.Status == "":
		st.Error = "no such cable: not queued, committed or dead-lettered"
		writeJSON(w, http.StatusNotFound, st)
	default:
		writeJSON(w, http.StatusOK, st)
	}
}

// status looks for ref in the pipeline's work queues (newest first), the
// warehouse's commit log and the dead letters.
func (sc *serveConfig) status(r *http.Request, ref string) (cableStatus, error) {
	ctx := r.Context()
	st := cableStatus{RefID: ref}
	isRef := func(h pipeline.Header) bool { return h.Get(schemas.HeaderRef) == ref }
	for _, q := range []struct{ kind, stage string }{
		{schemas.KindRaw, "parse"}, {schemas.KindParsed, "enrich"}, {schemas.KindEnriched, "sink"},
	} {
		at, found, err := pipeline.FindNewest(ctx, sc.conn.JS, sc.topo.Stream(q.kind), isRef)
		if err != nil {
			return st, err
		}
		if found {
			st.Queued = append(st.Queued, queuedAt{Stage: q.stage, Stored: at})
		}
	}
	if sc.warehouse == "" {
		st.Note = "serve has no --warehouse: committed cables are not looked up"
	} else {
		c, err := sink.Lookup(sc.warehouse, ref)
		if err != nil {
			return st, err
		}
		st.Committed = c
	}
	dls, err := pipeline.OpenDeadLetters(ctx, sc.conn.JS, sc.topo.Stream(schemas.KindDLQ))
	if err != nil {
		return st, err
	}
	for dl, err := range dls.List(ctx, "") {
		if err != nil {
			return st, err
		}
		if isRef(dl.Header) {
			st.DeadLetters = append(st.DeadLetters, deadLetterStatus{
				Stage: dl.Stage, Reason: dl.Error, Time: dl.Time, Source: dl.Header.Get(schemas.HeaderSource), Seq: dl.Seq})
		}
	}
	var committed, dead time.Time
	for _, c := range st.Committed {
		committed = later(committed, c.Time)
	}
	for _, d := range st.DeadLetters {
		dead = later(dead, d.Time)
	}
	switch {
	case len(st.Queued) > 0:
		st.Status = "queued"
	case len(st.DeadLetters) > 0 && dead.After(committed):
		st.Status = "dead-lettered"
	case len(st.Committed) > 0:
		st.Status = "committed"
	}
	return st, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
