package main

import (
	"bytes"
	"context"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/ingest"
)

func init() {
	register("serve", "accept cables over HTTP (POST /v1/cables) into the raw stream; GET /v1/cables/{ref_id} says where one is", runServe)
}

// serveConfig is what the HTTP ingest endpoint needs.
type serveConfig struct {
	token      pipeline.Secret // bearer token; "" when client certificates authenticate
	maxRequest int64
	route      ingest.Route
	conn       *pipeline.Conn
	topo       schemas.Topology
	warehouse  string // read by GET for committed cables; "" when not given
	// Sources are http:<start>:<request>[:line]: unique across restarts,
	// since a dead letter's id derives from its source.
	start string
	seq   atomic.Int64
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c                      common
		addr, tokenFile        string
		tlsCert, tlsKey, tlsCA string
		maxRequest             int64
		warehouse              string
	)
	fs := newFlagSet("serve", stderr, "[--http ADDR] --http-token-file FILE | --http-tls-ca FILE [flags]")
	c.register(fs)
	env := os.Getenv
	fs.StringVar(&addr, "http", "127.0.0.1:8080", "listen on this host:port (a bare :PORT is loopback; 0.0.0.0:PORT every interface)")
	fs.StringVar(&tokenFile, "http-token-file", env("CABLEWIRE_HTTP_TOKEN_FILE"), "file holding the bearer token clients must send; or $CABLEWIRE_HTTP_TOKEN")
	fs.StringVar(&tlsCert, "http-tls-cert", env("CABLEWIRE_HTTP_TLS_CERT"), "serve HTTPS with this certificate (and --http-tls-key)")
	fs.StringVar(&tlsKey, "http-tls-key", env("CABLEWIRE_HTTP_TLS_KEY"), "the HTTPS certificate's private key")
	fs.StringVar(&tlsCA, "http-tls-ca", env("CABLEWIRE_HTTP_TLS_CA"), "require client certificates signed by this CA (mutual TLS; then no token is needed)")
	fs.StringVar(&warehouse, "warehouse", "", "the warehouse the pipeline's sink writes, read (never written) by GET /v1/cables/{ref_id} to say where a cable is committed")
	fs.Int64Var(&maxRequest, "max-request-bytes", 8<<20, "largest request body; larger ones get 413 and publish nothing")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	token, err := secret(tokenFile, "CABLEWIRE_HTTP_TOKEN", "--http-token-file")
	if err != nil {
		return err
	}
	// Secure by default: an ingest endpoint that takes anyone's cables into
	// the warehouse is the hole the issue measured.
	if token == "" && tlsCA == "" {
		return fmt.Errorf("%w: serve needs --http-token-file (or $CABLEWIRE_HTTP_TOKEN) or --http-tls-ca", errUsage)
	}
	if (tlsCert == "") != (tlsKey == "") || (tlsCA != "" && tlsCert == "") {
		return fmt.Errorf("%w: HTTPS needs --http-tls-cert and --http-tls-key (and --http-tls-ca only with them)", errUsage)
	}
	if addr, err = pipeline.LoopbackDefault(addr); err != nil {
		return fmt.Errorf("%w: --http: %v", errUsage, err)
	}
	topo, err := c.topology(schemas.DefaultPipeline)
	if err != nil {
		return err
	}
	conn, err := c.connect(ctx, "serve", topo)
	if err != nil {
		return err
	}
	defer conn.Close()

	sc := &serveConfig{token: token, maxRequest: maxRequest, route: stages.Route(topo, ""), conn: conn,
		topo: topo, warehouse: warehouse,
		start: strconv.FormatInt(time.Now().UnixNano(), 36)}
	srv := &http.Server{
		Handler:           sc.mux(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	if tlsCert != "" {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if tlsCA != "" {
			pem, err := os.ReadFile(tlsCA)
			if err != nil {
				return fmt.Errorf("--http-tls-ca: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return fmt.Errorf("--http-tls-ca %s: no PEM certificate", tlsCA)
			}
			cfg.ClientCAs, cfg.ClientAuth = pool, tls.RequireAndVerifyClientCert
		}
		srv.TLSConfig = cfg
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	scheme := "http"
	if tlsCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(stderr, "cablewire: serving %s://%s/v1/cables (pipeline %s); SIGINT/SIGTERM stops\n", scheme, ln.Addr(), topo.Pipeline)
	errc := make(chan error, 1)
	go func() {
		if tlsCert != "" {
			errc <- srv.ServeTLS(ln, tlsCert, tlsKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Requests in flight finish (their publishes are acked) before exit.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func (sc *serveConfig) mux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/cables", sc.postCables)
	mux.HandleFunc("GET /v1/cables/{ref_id}", sc.getCable)
	return mux
}

// cableResult is one document of a POST, as the answer reports it.
type cableResult struct {
	RefID  string `json:"ref_id,omitempty"`
	Source string `json:"source"`
	// Status is "new" (stored for the pipeline), "duplicate" (the broker
	// already holds it), "dead-lettered" (unreadable or too large, with
	// Reason) or "not accepted" (the raw stream was full: post again).
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

type postAnswer struct {
	Cables       []cableResult `json:"cables,omitempty"`
	New          int           `json:"new"`
	Duplicates   int           `json:"duplicates"`
	DeadLettered int           `json:"dead_lettered"`
	Error        string        `json:"error,omitempty"`
}

// formats by media type.
var postFormats = map[string]string{
	"text/plain":           schemas.FormatText,
	"text/html":            schemas.FormatHTML,
	"application/json":     ingest.FormatJSONRecord,
	"application/x-ndjson": ingest.FormatJSONLines,
	"application/jsonl":    ingest.FormatJSONLines,
	"text/csv":             ingest.FormatCSV,
}

// retryAfter is what a client is told to wait when the raw stream is full.
const retryAfter = "5"

func (sc *serveConfig) postCables(w http.ResponseWriter, r *http.Request) {
	if !sc.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cablewire"`)
		httpError(w, http.StatusUnauthorized, "a valid bearer token is required")
		return
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	format, ok := postFormats[mt]
	if err != nil || !ok {
		httpError(w, http.StatusUnsupportedMediaType, "Content-Type must be one of text/plain, text/html, application/json, application/x-ndjson, text/csv")
		return
	}
	// The whole body first, bounded: a request over the limit publishes
	// nothing rather than half a batch.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, sc.maxRequest))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", sc.maxRequest))
			return
		}
		httpError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	source := fmt.Sprintf("http:%s:%d", sc.start, sc.seq.Add(1))
	var docs []schemas.Document
	var bad []error
	err = ingest.ReadStream(r.Context(), source, bytes.NewReader(body), format, func(doc schemas.Document, e error) error {
		if format != ingest.FormatCSV && format != ingest.FormatJSONLines {
			doc.RefID = singleRef(r, format, doc.Body)
		}
		docs, bad = append(docs, doc), append(bad, e)
		return nil
	})
	if err != nil {
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	ans, status := sc.publish(r.Context(), docs, bad)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", retryAfter)
	}
	writeJSON(w, status, ans)
}

// singleRef is the reference id hint of a one-document request: ?ref=, or
// a JSON record's ref_id; the parser decides in the end.
func singleRef(r *http.Request, format string, body []byte) string {
	if ref := r.URL.Query().Get("ref"); ref != "" {
		return ref
	}
	if format == ingest.FormatJSONRecord {
		var hint struct {
			RefID string `json:"ref_id"`
		}
		_ = json.Unmarshal(body, &hint)
		return hint.RefID
	}
	return ""
}

// publish stores docs in the raw stream (and bad ones in the dead letters)
// and waits for every ack, so the answer says what the broker holds.
func (sc *serveConfig) publish(ctx context.Context, docs []schemas.Document, bad []error) (postAnswer, int) {
	ans := postAnswer{Cables: make([]cableResult, len(docs))}
	for i, doc := range docs {
		ans.Cables[i] = cableResult{RefID: doc.RefID, Source: doc.Source}
	}
	msgs := make([]*pipeline.Message, len(docs))
	for i, doc := range docs {
		msgs[i] = sc.route.Message(doc)
		if bad[i] != nil {
			msgs[i] = sc.route.DeadLetter(doc, bad[i])
			ans.Cables[i].Status, ans.Cables[i].Reason = "dead-lettered", bad[i].Error()
		}
	}
	var full, failed error
	for i, o := range pipeline.PublishEach(ctx, sc.conn.JS, msgs) {
		res := &ans.Cables[i]
		switch {
		case errors.Is(o.Err, pipeline.ErrNotSent):
			res.Status, res.Reason = "not accepted", "not published"
		case o.Err != nil && pipeline.IsFull(o.Err):
			full = o.Err
			res.Status, res.Reason = "not accepted", o.Err.Error()
		case o.Err != nil:
			failed = o.Err
			res.Status, res.Reason = "not accepted", o.Err.Error()
		case res.Status == "dead-lettered":
			ans.DeadLettered++
		case o.Duplicate:
			res.Status = "duplicate"
			ans.Duplicates++
		default:
			res.Status = "new"
			ans.New++
		}
	}
	switch {
	case full != nil:
		ans.Error = "the raw stream is full: post again after Retry-After (duplicates are dropped)"
		return ans, http.StatusServiceUnavailable
	case failed != nil:
		ans.Error = "publishing: " + failed.Error()
		return ans, http.StatusBadGateway
	}
	return ans, http.StatusAccepted
}

func (sc *serveConfig) authorized(r *http.Request) bool {
	if sc.token == "" {
		return r.TLS != nil && len(r.TLS.VerifiedChains) > 0
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(sc.token.Reveal())) == 1
}

func httpError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, postAnswer{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
