package iceberg_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/sink/iceberg"
)

// startPostgres starts a real PostgreSQL server (Debian's package, which
// .ci/run installs) on a free loopback port in a directory of its own, and
// returns its URL; it is stopped when the test ends. It skips when no
// server binary is installed or the server cannot start.
func startPostgres(t *testing.T) string {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(bins) == 0 {
		t.Skip("PostgreSQL is not installed (.ci/run installs Debian's postgresql): the PostgreSQL catalog is not tested")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "cablewire-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	data := filepath.Join(dir, "data")
	// PostgreSQL refuses to run as root: as root, run it as the postgres user.
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root and no postgres user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	cmd := func(name string, args ...string) *exec.Cmd {
		c := exec.Command(filepath.Join(bin, name), args...)
		c.Dir = dir
		if cred != nil {
			c.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		}
		return c
	}
	if out, err := cmd("initdb", "-D", data, "-U", "cablewire", "--auth=trust", "-E", "UTF8").CombinedOutput(); err != nil {
		t.Skipf("initdb failed, PostgreSQL cannot start here: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	srv := cmd("postgres", "-D", data, "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-k", dir, "-c", "fsync=off")
	logf, _ := os.Create(filepath.Join(dir, "server.log"))
	srv.Stdout, srv.Stderr = logf, logf
	if err := srv.Start(); err != nil {
		t.Skipf("PostgreSQL cannot start: %v", err)
	}
	t.Cleanup(func() {
		srv.Process.Signal(syscall.SIGINT) // fast shutdown
		srv.Wait()
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if out, err := cmd("pg_isready", "-h", "127.0.0.1", "-p", strconv.Itoa(port)).CombinedOutput(); err == nil {
			break
		} else if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			t.Skipf("PostgreSQL did not come up in 30 s: %s\n%s", out, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Sprintf("postgres://cablewire@127.0.0.1:%d/postgres?sslmode=disable", port)
}

// The same SQL catalog on PostgreSQL, where several sinks commit: two
// syncers of one warehouse, both told of every commit and syncing at once
// (they take turns on the sync lock; the lost race itself is
// TestCommitRetriesOnConflict), leave every table holding each row once.
func TestPostgresCatalog(t *testing.T) {
	uri := startPostgres(t)
	dir := t.TempDir()
	ctx := context.Background()
	cfg := iceberg.Config{Warehouse: dir, URI: uri}
	a := openTables(t, cfg)
	b := openTables(t, cfg)
	cables := invented(40)
	load(t, dir, both{a, b}, cables, 1)
	errs := make(chan error, 2)
	for _, tabs := range []*iceberg.Tables{a, b} {
		go func() { errs <- tabs.Sync(ctx) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sink.Compact(ctx, sink.CompactConfig{Dir: dir, MinFiles: 2, Catalog: b}); err != nil {
		t.Fatal(err)
	}
	if err := a.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	for name, rows := range perTable(40) {
		tbl, err := a.Catalog().LoadTable(ctx, a.Ident(name))
		if err != nil {
			t.Fatal(err)
		}
		files, _ := metadataFiles(t, tbl.MetadataLocation())
		if n, _ := duckCount(t, files); n != rows {
			t.Errorf("%s: DuckDB reads %d rows in the snapshot's files, want %d", name, n, rows)
		}
		if hive := hiveFiles(t, dir, name); len(files) != len(hive) {
			t.Errorf("%s: the snapshot lists %d files, the Hive directories hold %d", name, len(files), len(hive))
		}
	}
	a.Close(ctx)
	b.Close(ctx)
}

// both tells two catalogs of each commit.
type both [2]*iceberg.Tables

func (b both) Committed(r *sink.Record) { b[0].Committed(r); b[1].Committed(r) }
