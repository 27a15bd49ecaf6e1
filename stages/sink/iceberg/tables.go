package iceberg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	ice "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/catalog"
	"github.com/apache/iceberg-go/table"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// PropSchemaVersion is the table property holding schemas.TableVersion.
const PropSchemaVersion = "cablewire.schema-version"

// Snapshot summary properties.
const (
	SummaryCommitIDs  = "cablewire.commit-ids"  // the commit records mirrored, comma-separated
	SummaryStreamSeqs = "cablewire.stream-seqs" // "stream@epoch:1-40,42-50;..." of those records
)

// syncEvery is how often a Tables looks at the log without being told of
// a commit (another process's, or one whose files were not yet in place).
var syncEvery = 10 * time.Second

// syncPause is the least time between two background syncs.
var syncPause = 2 * time.Second

// Tables is the warehouse's Iceberg tables, kept in step with its commit
// log by a goroutine of its own. It is a sink.Catalog.
type Tables struct {
	cfg   Config
	cat   catalog.Catalog
	close func() error
	log   *slog.Logger

	kick    chan struct{}
	stop    chan struct{}
	started bool
	done    chan struct{}

	mu      sync.Mutex      // serializes Sync; guards applied and files
	applied map[string]bool // records every table they touch mirrors
	files   map[string]fileSet
	errMu   sync.Mutex
	err     error
}

// Open opens the catalog, creates the namespace and tables that are
// missing, and mirrors every commit record no snapshot names yet (what a
// crash left) before it returns. Start begins the background syncing.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Tables, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	if cfg.Catalog == KindNone {
		return nil, nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cat, closeCat, err := openCatalog(ctx, cfg)
	if err != nil {
		return nil, err
	}
	t := &Tables{cfg: cfg, cat: cat, close: closeCat, log: log, applied: map[string]bool{}, files: map[string]fileSet{},
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	if err := t.ensure(ctx); err != nil {
		closeCat()
		return nil, err
	}
	if err := t.Sync(ctx); err != nil {
		closeCat()
		return nil, err
	}
	return t, nil
}

// OpenBackground is Open for a sink: it only checks cfg, and the tables
// connect to the catalog, create what is missing and mirror what a crash
// left on their own goroutine once started, retrying every syncEvery
// while the catalog or the warehouse's disk fails, so that neither stops
// the sink (the commit log keeps what the tables have yet to mirror).
func OpenBackground(cfg Config, log *slog.Logger) (*Tables, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	if cfg.Catalog == KindNone {
		return nil, nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := &Tables{cfg: cfg, log: log, applied: map[string]bool{}, files: map[string]fileSet{},
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	t.kick <- struct{}{} // the first sync at once
	return t, nil
}

// connect opens the catalog and ensures the tables, once; t.mu is held.
func (t *Tables) connect(ctx context.Context) error {
	if t.cat != nil {
		return nil
	}
	cat, closeCat, err := openCatalog(ctx, t.cfg)
	if err != nil {
		return err
	}
	t.cat, t.close = cat, closeCat
	if err := t.ensure(ctx); err != nil {
		t.cat, t.close = nil, nil
		closeCat()
		return err
	}
	return nil
}

// Catalog is the catalog the tables are in.
func (t *Tables) Catalog() catalog.Catalog { return t.cat }

// Ident is a table's identifier in the catalog.
func (t *Tables) Ident(name string) table.Identifier {
	return table.Identifier{t.cfg.Namespace, name}
}

// ensure creates the namespace and the tables that do not exist, and
// checks the schema version of those that do.
func (t *Tables) ensure(ctx context.Context) error {
	ns := table.Identifier{t.cfg.Namespace}
	ok, err := t.cat.CheckNamespaceExists(ctx, ns)
	if err != nil {
		return fmt.Errorf("iceberg: namespace %s: %w", t.cfg.Namespace, err)
	}
	if !ok {
		if err := t.cat.CreateNamespace(ctx, ns, nil); err != nil && !errors.Is(err, catalog.ErrNamespaceAlreadyExists) {
			return fmt.Errorf("iceberg: namespace %s: %w", t.cfg.Namespace, err)
		}
	}
	for _, name := range tableNames {
		tbl, err := t.cat.LoadTable(ctx, t.Ident(name))
		if err == nil {
			if v := tbl.Properties()[PropSchemaVersion]; v != strconv.Itoa(schemas.TableVersion) {
				return fmt.Errorf("iceberg: table %s has schema version %q, the warehouse writes %d: schema evolution is not implemented", name, v, schemas.TableVersion)
			}
			continue
		}
		if !errors.Is(err, catalog.ErrNoSuchTable) {
			return fmt.Errorf("iceberg: table %s: %w", name, err)
		}
		sc, err := icebergSchema(name)
		if err != nil {
			return err
		}
		spec, err := monthSpec(sc)
		if err != nil {
			return err
		}
		_, err = t.cat.CreateTable(ctx, t.Ident(name), sc,
			catalog.WithLocation(filepath.Join(t.cfg.Warehouse, "_cablewire", "iceberg", t.cfg.Namespace, name)),
			catalog.WithPartitionSpec(&spec),
			catalog.WithProperties(ice.Properties{
				PropSchemaVersion:                            strconv.Itoa(schemas.TableVersion),
				"format-version":                             "2",
				"write.parquet.compression-codec":            "zstd",
				"write.metadata.delete-after-commit.enabled": "true",
				"write.metadata.previous-versions-max":       "20",
				// Merged manifests: a load's hundreds of appends would
				// otherwise leave readers a manifest each to open.
				"commit.manifest-merge.enabled": "true",
				"cablewire.warehouse":           t.cfg.Warehouse,
			}))
		if err != nil && !errors.Is(err, catalog.ErrTableAlreadyExists) {
			return fmt.Errorf("iceberg: create table %s: %w", name, err)
		}
	}
	return nil
}

// Committed tells the tables that rec was committed; they mirror it soon,
// on their own goroutine (sink.Catalog).
func (t *Tables) Committed(*sink.Record) {
	select {
	case t.kick <- struct{}{}:
	default: // a sync is due already
	}
}

// Start begins mirroring in the background: on each Committed and every
// syncEvery.
func (t *Tables) Start() {
	t.started = true
	go t.loop()
}

func (t *Tables) loop() {
	defer close(t.done)
	tick := time.NewTicker(syncEvery)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-t.kick:
		case <-tick.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		err := t.Sync(ctx)
		cancel()
		t.setErr(err)
		if err != nil {
			t.log.Warn("iceberg: sync failed, retrying", "err", err)
		}
		// At most one sync every syncPause: the commits of a busy load
		// are mirrored a few at a time, in fewer snapshots.
		select {
		case <-t.stop:
			return
		case <-time.After(syncPause):
		}
	}
}

func (t *Tables) setErr(err error) {
	t.errMu.Lock()
	t.err = err
	t.errMu.Unlock()
}

// Err is the last background sync's error, if any: the next sync tries
// again, and the warehouse itself is unaffected.
func (t *Tables) Err() error {
	t.errMu.Lock()
	defer t.errMu.Unlock()
	return t.err
}

// Close stops the background syncing, mirrors what is left, and closes
// the catalog.
func (t *Tables) Close(ctx context.Context) error {
	if t == nil {
		return nil
	}
	select {
	case <-t.stop:
	default:
		close(t.stop)
	}
	if t.started {
		<-t.done
	}
	err := t.Sync(ctx)
	if t.close != nil {
		err = errors.Join(err, t.close())
	}
	return err
}
