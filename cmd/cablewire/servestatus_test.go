package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

func getCable(t *testing.T, base, token, ref string) (int, cableStatus) {
	t.Helper()
	req, err := http.NewRequest("GET", base+"/v1/cables/"+url.PathEscape(ref), nil)
	if err != nil {
		t.Fatal(err)
	}
	var st cableStatus
	code, _ := serveCall(t, req, token, &st)
	return code, st
}

// GET /v1/cables/{ref_id} follows a posted cable: queued in the raw stream
// while no worker runs, then committed (version, commit, and files that
// are in the warehouse); a document the parser refuses is dead-lettered
// with its reason; an unknown id is 404 and no token 401.
func TestServeSaysWhereACableIs(t *testing.T) {
	_, natsURL := pipelinetest.StartJetStream(t)
	t.Setenv("CABLEWIRE_HTTP_TOKEN", "tok")
	wh := t.TempDir()
	base := startServe(t, "--nats", natsURL, "--warehouse", wh)
	_, texts := cableTexts(t, 3, 41)
	var refs []string
	for ref := range texts {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	// Posted with ?ref=, the raw message is found by that id before parse
	// reads the id from the text.
	postRef := func(ref, contentType, body string) {
		req, _ := http.NewRequest("POST", base+"/v1/cables?ref="+url.QueryEscape(ref), strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Content-Type", contentType)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted {
			t.Fatalf("post %s: %s", ref, resp.Status)
		}
	}
	for _, ref := range refs {
		postRef(ref, "text/plain", string(texts[ref]))
	}
	postRef("09NOWHERE1", "text/html", "<html><body><p>Not a cable</p></body></html>")

	topo := schemas.Topology{Pipeline: schemas.DefaultPipeline}
	for _, tc := range []struct {
		name, token, ref string
		code             int
		status           string
	}{
		{"queued", "tok", refs[1], http.StatusOK, "queued"},
		{"no token", "", refs[1], http.StatusUnauthorized, ""},
		{"a wrong token", "tik", refs[1], http.StatusUnauthorized, ""},
		{"unknown", "tok", "06NOWHERE404", http.StatusNotFound, ""},
		{"too long", "tok", strings.Repeat("9", 300), http.StatusBadRequest, ""},
	} {
		code, st := getCable(t, base, tc.token, tc.ref)
		if code != tc.code || st.Status != tc.status {
			t.Errorf("%s: %d %+v, want %d %q", tc.name, code, st, tc.code, tc.status)
		}
		if tc.status == "queued" && (len(st.Queued) != 1 || st.Queued[0].Stage != "parse" || st.Queued[0].Stream != topo.Stream(schemas.KindRaw) || st.Queued[0].Seq != 2) {
			t.Errorf("%s: queued %+v, want the raw stream's second message, for parse", tc.name, st.Queued)
		}
	}

	startCommand(t, "worker", "parse+enrich", "--nats", natsURL)
	startCommand(t, "worker", "sink", "--nats", natsURL, "--warehouse", wh, "--file-age", "300ms")
	for _, ref := range refs {
		var st cableStatus
		pipelinetest.Eventually(t, time.Minute, ref+" committed", func() bool {
			_, st = getCable(t, base, "tok", ref)
			return st.Status == "committed"
		})
		if len(st.Committed) != 1 || st.Committed[0].Version != 1 || len(st.Queued) != 0 || len(st.DeadLetters) != 0 {
			t.Fatalf("%s: %+v", ref, st)
		}
		var cablesFile bool
		for _, f := range st.Committed[0].Files {
			if _, err := os.Stat(filepath.Join(wh, f)); err != nil {
				t.Errorf("%s: %v", ref, err)
			}
			cablesFile = cablesFile || strings.HasPrefix(f, "cables/")
		}
		if !cablesFile || !strings.HasPrefix(st.Committed[0].Partition, "year=") {
			t.Errorf("%s: committed %+v, want a cables file in a partition", ref, st.Committed[0])
		}
	}
	var st cableStatus
	pipelinetest.Eventually(t, time.Minute, "09NOWHERE1 dead-lettered", func() bool {
		_, st = getCable(t, base, "tok", "09NOWHERE1")
		return st.Status == "dead-lettered"
	})
	if len(st.DeadLetters) != 1 || st.DeadLetters[0].Stage != "parse" || !strings.Contains(st.DeadLetters[0].Reason, "not a cable") || !strings.HasPrefix(st.DeadLetters[0].Source, "http:") {
		t.Errorf("09NOWHERE1: %+v", st)
	}
}
