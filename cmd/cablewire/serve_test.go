package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

// startCommand runs a long-running command in-process until the test
// ends (then drains it and checks it exited 0), and returns its stderr.
func startCommand(t *testing.T, args ...string) *syncBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() { done <- runCommand(ctx, args, &out, &errb) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("%v: exit %d\n%s", args, code, errb.String())
		}
	})
	return &errb
}

var servingAt = regexp.MustCompile(`serving (https?://[^/\s]+)/v1/cables`)

// startServe runs `cablewire serve` and returns its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	errb := startCommand(t, append([]string{"serve", "--http", ":0"}, args...)...)
	var base string
	pipelinetest.Eventually(t, 30*time.Second, "serve listening", func() bool {
		if m := servingAt.FindStringSubmatch(errb.String()); m != nil {
			base = m[1]
		}
		return base != ""
	})
	return base
}

func post(t *testing.T, url, token, contentType string, body []byte) (int, http.Header, postAnswer) {
	t.Helper()
	req, err := http.NewRequest("POST", url+"/v1/cables", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	var ans postAnswer
	code, h := serveCall(t, req, token, &ans)
	return code, h, ans
}

// serveCall sends req to serve with token (if any) and decodes the JSON
// answer into ans.
func serveCall(t *testing.T, req *http.Request, token string, ans any) (int, http.Header) {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, ans); err != nil {
		t.Fatalf("answer %s: %v\n%s", resp.Status, err, b)
	}
	return resp.StatusCode, resp.Header
}

// cableTexts generates n cables and returns their texts by reference id.
func cableTexts(t *testing.T, n int, seed int64) (map[string]expected, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	want := generate(t, dir, n, seed)
	texts := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			texts[strings.TrimSuffix(d.Name(), filepath.Ext(p))] = b
		}
		return nil
	})
	if len(texts) != n {
		t.Fatalf("%d texts, want %d", len(texts), n)
	}
	return want, texts
}

// TestServeIngestsOverHTTP posts cables one by one and as a JSON-lines
// batch, with and without the bearer token: only authorized posts are
// stored, each answer says which cables were new or duplicates, a body over
// the limit publishes nothing, and the workers commit every cable posted
// exactly once.
func TestServeIngestsOverHTTP(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	token := "bearer-" + fmt.Sprint(time.Now().UnixNano())
	t.Setenv("CABLEWIRE_HTTP_TOKEN", token)
	base := startServe(t, "--nats", url, "--max-request-bytes", "1000000")
	want, texts := cableTexts(t, 30, 31)
	refs := make([]string, 0, len(texts))
	for r := range texts {
		refs = append(refs, r)
	}
	sort.Strings(refs)

	for _, tok := range []string{"", "wrong-" + token} {
		code, h, _ := post(t, base, tok, "text/plain", texts[refs[0]])
		if code != http.StatusUnauthorized || h.Get("WWW-Authenticate") == "" {
			t.Fatalf("token %q: %d, want 401 with WWW-Authenticate", tok, code)
		}
	}
	if code, _, _ := post(t, base, token, "image/png", texts[refs[0]]); code != http.StatusUnsupportedMediaType {
		t.Errorf("image/png: %d, want 415", code)
	}
	if code, _, ans := post(t, base, token, "text/plain", bytes.Repeat([]byte("x"), 1000001)); code != http.StatusRequestEntityTooLarge || ans.Error == "" {
		t.Errorf("over the limit: %d %+v, want 413", code, ans)
	}

	// Ten cables one at a time, as text, one of them twice.
	for _, ref := range refs[:10] {
		code, _, ans := post(t, base, token, "text/plain; charset=utf-8", texts[ref])
		if code != http.StatusAccepted || ans.New != 1 || ans.Cables[0].Status != "new" {
			t.Fatalf("%s: %d %+v", ref, code, ans)
		}
	}
	code, _, ans := post(t, base, token, "text/plain", texts[refs[0]])
	if code != http.StatusAccepted || ans.Duplicates != 1 || ans.Cables[0].Status != "duplicate" {
		t.Fatalf("the same cable again: %d %+v", code, ans)
	}
	// The other twenty as one JSON-lines batch, blank lines between.
	var batch bytes.Buffer
	for _, ref := range refs[10:] {
		line, _ := json.Marshal(schemas.SourceRecord{RefID: ref, Text: string(texts[ref])})
		batch.Write(line)
		batch.WriteString("\n\n")
	}
	code, _, ans = post(t, base, token, "application/x-ndjson", batch.Bytes())
	if code != http.StatusAccepted || ans.New != 20 || len(ans.Cables) != 20 {
		t.Fatalf("batch: %d %+v", code, ans)
	}
	for i, c := range ans.Cables {
		if c.RefID != refs[10+i] || c.Status != "new" || !strings.HasSuffix(c.Source, fmt.Sprintf(":%d", 2*i+1)) {
			t.Errorf("batch cable %d: %+v", i, c)
		}
	}

	wh := t.TempDir()
	startCommand(t, "worker", "parse+enrich", "--nats", url)
	startCommand(t, "worker", "sink", "--nats", url, "--warehouse", wh, "--file-age", "500ms")
	pipelinetest.Eventually(t, 2*time.Minute, "30 cables committed, their files in place", func() bool {
		return inPlace(wh, len(want))
	})
	checkExactlyOnce(t, wh, want)
}

// When the raw stream is full, serve answers 503 with Retry-After at
// once instead of hanging, and says which cables were not accepted.
func TestServeFullStreamIsRetryLater(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	t.Setenv("CABLEWIRE_HTTP_TOKEN", "tok")
	base := startServe(t, "--nats", url)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	subject := schemas.Topology{Pipeline: schemas.DefaultPipeline}.Subject(schemas.KindRaw)
	for i := range schemas.StreamBacklog {
		if _, err := js.PublishAsync(subject, []byte("filler"), jetstream.WithMsgID(fmt.Sprint("fill-", i))); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 999 { // stay inside the client's async window
			select {
			case <-js.PublishAsyncComplete():
			case <-time.After(time.Minute):
				t.Fatal("filling the raw stream")
			}
		}
	}
	_, texts := cableTexts(t, 1, 5)
	for _, text := range texts {
		code, h, ans := post(t, base, "tok", "text/plain", text)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
			t.Fatalf("full stream: %d (Retry-After %q) %+v, want 503 with Retry-After", code, h.Get("Retry-After"), ans)
		}
		if len(ans.Cables) != 1 || ans.Cables[0].Status != "not accepted" || ans.New != 0 {
			t.Errorf("full stream answer: %+v", ans)
		}
	}
}

// With --http-tls-ca, a client certificate the CA signed is the
// credential: clients without one do not get past the handshake.
func TestServeMutualTLS(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	t.Setenv("CABLEWIRE_HTTP_TOKEN", "")
	ca := pipelinetest.NewCA(t)
	cert, key := ca.Server(t, "serve")
	ccert, ckey := ca.Client(t, "poster")
	base := startServe(t, "--nats", url, "--http-tls-cert", cert, "--http-tls-key", key, "--http-tls-ca", ca.CertFile)
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("serving at %s", base)
	}
	pool := x509.NewCertPool()
	pem, _ := os.ReadFile(ca.CertFile)
	pool.AppendCertsFromPEM(pem)
	pair, err := tls.LoadX509KeyPair(ccert, ckey)
	if err != nil {
		t.Fatal(err)
	}
	_, texts := cableTexts(t, 1, 9)
	for _, text := range texts {
		anonymous := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
		if resp, err := anonymous.Post(base+"/v1/cables", "text/plain", bytes.NewReader(text)); err == nil {
			resp.Body.Close()
			t.Fatalf("without a client certificate: %s", resp.Status)
		}
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}}}}
		resp, err := client.Post(base+"/v1/cables", "text/plain", bytes.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusAccepted || !strings.Contains(string(b), `"new":1`) {
			t.Fatalf("with a client certificate: %s %s", resp.Status, b)
		}
	}
}

// serve refuses to start without a way to authenticate its clients.
func TestServeRequiresAuthentication(t *testing.T) {
	t.Setenv("CABLEWIRE_HTTP_TOKEN", "")
	code, _, errs := runCLI(context.Background(), "serve", "--nats", "nats://127.0.0.1:1")
	if code != 2 || !strings.Contains(errs, "--http-token-file") {
		t.Fatalf("exit %d: %s", code, errs)
	}
}
