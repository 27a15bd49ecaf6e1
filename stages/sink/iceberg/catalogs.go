package iceberg

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	ice "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/catalog"
	"github.com/apache/iceberg-go/catalog/rest"
	sqlcat "github.com/apache/iceberg-go/catalog/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx": PostgreSQL, pure Go
	_ "modernc.org/sqlite"             // database/sql driver "sqlite": pure Go, so the binary stays cgo-free
)

// Catalog kinds (Config.Catalog).
const (
	KindNone = "none" // no Iceberg tables
	KindSQL  = "sql"  // iceberg-go's SQL catalog: SQLite (default) or PostgreSQL
	KindREST = "rest" // an Iceberg REST catalog
)

// DefaultSQLite is the SQLite catalog's file, relative to the warehouse.
const DefaultSQLite = "_cablewire/iceberg/catalog.db"

// Config says where the Iceberg tables are catalogued.
type Config struct {
	Warehouse string // the warehouse directory
	Catalog   string // KindSQL (default), KindREST or KindNone
	// URI: for KindSQL a SQLite file (a path, or "sqlite:PATH"; default
	// DefaultSQLite under the warehouse) or a PostgreSQL URL
	// ("postgres://user:pass@host:5432/db?sslmode=disable"); for KindREST the
	// catalog's base URL.
	URI string
	// Namespace holds the tables (default "cablewire").
	Namespace string
	// Name is the catalog's name, the catalog_name column of the SQL
	// catalog's tables (default "cablewire").
	Name string
	// Props are passed to the catalog as they are (REST: "credential",
	// "token", "warehouse", ...).
	Props map[string]string
}

func (c *Config) defaults() error {
	if c.Catalog == "" {
		c.Catalog = KindSQL
	}
	if c.Namespace == "" {
		c.Namespace = "cablewire"
	}
	if c.Name == "" {
		c.Name = "cablewire"
	}
	if c.Warehouse == "" {
		return fmt.Errorf("iceberg: no warehouse directory")
	}
	abs, err := filepath.Abs(c.Warehouse)
	if err != nil {
		return err
	}
	c.Warehouse = abs
	switch c.Catalog {
	case KindSQL, KindNone:
	case KindREST:
		if c.URI == "" {
			return fmt.Errorf("iceberg: --catalog rest needs --catalog-uri")
		}
	default:
		return fmt.Errorf("iceberg: unknown catalog %q (sql, rest or none)", c.Catalog)
	}
	return nil
}

// openCatalog opens the catalog cfg names; close releases it.
func openCatalog(ctx context.Context, cfg Config) (cat catalog.Catalog, close func() error, err error) {
	switch cfg.Catalog {
	case KindREST:
		var opts []rest.Option
		if len(cfg.Props) > 0 {
			opts = append(opts, rest.WithAdditionalProps(ice.Properties(cfg.Props)))
		}
		if t := cfg.Props["token"]; t != "" {
			opts = append(opts, rest.WithOAuthToken(t))
		}
		if c := cfg.Props["credential"]; c != "" {
			opts = append(opts, rest.WithCredential(c))
		}
		if w := cfg.Props["warehouse"]; w != "" {
			opts = append(opts, rest.WithWarehouseLocation(w))
		}
		rc, err := rest.NewCatalog(ctx, cfg.Name, cfg.URI, opts...)
		if err != nil {
			return nil, nil, fmt.Errorf("iceberg: REST catalog %s: %w", cfg.URI, err)
		}
		return rc, func() error { return nil }, nil
	case KindSQL:
		driver, dsn, dialect, err := sqlSource(cfg)
		if err != nil {
			return nil, nil, err
		}
		db, err := sql.Open(driver, dsn)
		if err != nil {
			return nil, nil, fmt.Errorf("iceberg: catalog: %w", err)
		}
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("iceberg: catalog %s: %w", redact(cfg.URI), err)
		}
		if driver == "sqlite" {
			// One connection: SQLite has one writer, and the catalog's
			// transactions then never see SQLITE_BUSY from this process.
			db.SetMaxOpenConns(1)
		}
		props := ice.Properties{}
		for k, v := range cfg.Props {
			props[k] = v
		}
		sc, err := sqlcat.NewCatalog(cfg.Name, db, dialect, props)
		if err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("iceberg: catalog %s: %w", redact(cfg.URI), err)
		}
		return sc, func() error { sc.Close(); return db.Close() }, nil
	}
	return nil, nil, fmt.Errorf("iceberg: no catalog")
}

// sqlSource is the database/sql driver, DSN and dialect of a SQL catalog.
func sqlSource(cfg Config) (driver, dsn string, dialect sqlcat.SupportedDialect, err error) {
	uri := cfg.URI
	if strings.HasPrefix(uri, "postgres://") || strings.HasPrefix(uri, "postgresql://") {
		return "pgx", uri, sqlcat.Postgres, nil
	}
	path := strings.TrimPrefix(strings.TrimPrefix(uri, "sqlite:"), "file:")
	if path == "" {
		path = filepath.Join(cfg.Warehouse, DefaultSQLite)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", "", "", fmt.Errorf("iceberg: catalog: %w", err)
	}
	// WAL and a busy timeout: several processes (sinks, a compaction) may
	// commit to one catalog file.
	dsn = "file:" + path + "?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_txlock=immediate"
	return "sqlite", dsn, sqlcat.SQLite, nil
}

// redact hides a password in a URL for messages.
func redact(uri string) string {
	at := strings.LastIndex(uri, "@")
	scheme := strings.Index(uri, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return uri
	}
	userinfo := uri[scheme+3 : at]
	if u, _, ok := strings.Cut(userinfo, ":"); ok {
		return uri[:scheme+3] + u + ":[redacted]" + uri[at:]
	}
	return uri
}
