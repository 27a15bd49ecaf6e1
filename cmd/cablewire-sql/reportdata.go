package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// report is everything the page draws, as the page's script reads it
// (JSON). Monthly series are dense over Months; what a node click shows is
// sparse, keyed by node id.
type report struct {
	Title     string            `json:"title"`
	Generated string            `json:"generated"`
	Warehouse string            `json:"warehouse"`
	Filters   map[string]string `json:"filters"`
	Cables    int64             `json:"cables"`
	Months    []string          `json:"months"`
	Defs      []reportDef       `json:"defs"`
	Timings   map[string]string `json:"timings"` // query -> seconds, for the curious

	Monthly  stackedSeries  `json:"monthly"`
	Posts    rankedChart    `json:"posts"`
	Tags     stackedSeries  `json:"tags"`
	Entities entityTables   `json:"entities"`
	Network  network        `json:"network"`
	Map      rankedChart    `json:"map"`
	ByNode   nodeBreakdowns `json:"-"` // a script element of its own, parsed at the first click

	Loads       loadTable    `json:"loads"`
	DeadLetters *deadLetters `json:"deadLetters"`
}

// stackedSeries is counts per month for each of a few keys
// (classifications, TAGS): Series[k][i] is key k in Months[i].
type stackedSeries struct {
	SQL    string             `json:"sql"`
	Keys   []string           `json:"keys"`
	Series map[string][]int64 `json:"series"`
}

// rankedChart is (name, cables) rows, most first.
type rankedChart struct {
	SQL  string   `json:"sql"`
	Rows []ranked `json:"rows"`
}

type ranked struct {
	Name   string `json:"name"`
	Cables int64  `json:"cables"`
}

// entityTables are the top entities of each type, each with its cables
// per month (Spark[i] in Months[i]).
type entityTables struct {
	SQL   string                  `json:"sql"`
	Types map[string][]entityRank `json:"types"`
}

type entityRank struct {
	Name   string  `json:"name"`
	Cables int64   `json:"cables"`
	Spark  []int64 `json:"spark,omitempty"`
}

type network struct {
	SQL      string     `json:"sql"`
	EdgesSQL string     `json:"edgesSql"`
	Nodes    []netNode  `json:"nodes"`
	Edges    [][3]int64 `json:"edges"` // source id, target id, cables
}

type netNode struct {
	ID     int64   `json:"id"`
	Type   string  `json:"type"`
	Name   string  `json:"name"`
	Cables int64   `json:"cables"`
	X      float64 `json:"x"` // forceLayout's position, in the unit square
	Y      float64 `json:"y"`
}

// nodeBreakdowns is what the page shows for the cables mentioning one
// node, keyed by node id. Month indexes are into report.Months.
type nodeBreakdowns struct {
	SQL      []string                          `json:"sql"`
	Monthly  map[int64][][3]int64              `json:"monthly"` // month index, classification index (Monthly.Keys), cables
	Posts    map[int64][]ranked                `json:"posts"`
	Tags     map[int64]map[string][][2]int64   `json:"tags"` // tag -> (month index, cables)
	Map      map[int64][]ranked                `json:"map"`
	Entities map[int64]map[string][]entityRank `json:"entities"`
}

// loadTable is the last loads from the commit records.
type loadTable struct {
	SQL  string `json:"sql"`
	Note string `json:"note,omitempty"`
	Rows []load `json:"rows"`
}

type load struct {
	Instance      string `json:"instance"`
	FirstCommit   string `json:"firstCommit"`
	LastCommit    string `json:"lastCommit"`
	Commits       int64  `json:"commits"`
	Cables        int64  `json:"cables"`
	Partitions    int64  `json:"partitions"`
	Files         int64  `json:"files"`
	Bytes         int64  `json:"bytes"`
	CableRows     int64  `json:"cableRows"`
	ParagraphRows int64  `json:"paragraphRows"`
	EntityRows    int64  `json:"entityRows"`
}

// deadLetters is what `cablewire report --data` found in the dead-letter
// stream: counts by stage and reason.
type deadLetters struct {
	Source string       `json:"source"`
	Total  int64        `json:"total"`
	Rows   []deadLetter `json:"rows"`
}

type deadLetter struct {
	Stage  string `json:"stage"`
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

// querier runs the report's SQL on one session and times each query.
type querier struct {
	conn    *sql.Conn
	opts    reportOptions
	timings map[string]string
}

func (q *querier) exec(ctx context.Context, name, query string) error {
	start := time.Now()
	if _, err := q.conn.ExecContext(ctx, query); err != nil {
		return fmt.Errorf("report %s: %w", name, err)
	}
	q.timings[name] = fmt.Sprintf("%.2f", time.Since(start).Seconds())
	return nil
}

// each runs query and calls scan with the rows' Scan for each row.
func (q *querier) each(ctx context.Context, name, query string, scan func(func(...any) error) error) error {
	start := time.Now()
	rows, err := q.conn.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("report %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows.Scan); err != nil {
			return fmt.Errorf("report %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report %s: %w", name, err)
	}
	q.timings[name] = fmt.Sprintf("%.2f", time.Since(start).Seconds())
	return nil
}

// report runs every query and assembles the report.
func (q *querier) report(ctx context.Context, o reportOptions) (*report, error) {
	q.timings = map[string]string{}
	q.opts = o
	rep := &report{
		Title:     "cablewire report",
		Generated: time.Now().UTC().Format(time.RFC3339),
		Warehouse: o.warehouse, // as given, so the cablewire-sql command the page shows runs where the report was made
		Filters:   map[string]string{},
		Defs:      reportDefs(o),
		Timings:   q.timings,
	}
	for k, v := range map[string]string{"from": o.from, "to": o.to, "country": o.country, "tag": o.tag} {
		if v != "" {
			rep.Filters[k] = v
		}
	}
	if err := q.exec(ctx, "sel", rep.Defs[0].SQL); err != nil {
		return nil, err
	}
	var first, last sql.NullString
	if err := q.each(ctx, "summary", sqlSummary, func(scan func(...any) error) error {
		return scan(&rep.Cables, &first, &last)
	}); err != nil {
		return nil, err
	}
	if rep.Cables == 0 {
		return nil, errNoCables
	}
	for _, d := range rep.Defs[1:] {
		if err := q.exec(ctx, d.Name, d.SQL); err != nil {
			return nil, err
		}
	}
	var err error
	if rep.Months, err = monthRange(first.String, last.String); err != nil {
		return nil, err
	}
	mi := make(map[string]int, len(rep.Months))
	for i, m := range rep.Months {
		mi[m] = i
	}
	steps := []func(context.Context, *report, map[string]int) error{
		q.monthly, q.posts, q.tags, q.entities, q.network, q.worldMap, q.byNode,
	}
	for _, step := range steps {
		if err := step(ctx, rep, mi); err != nil {
			return nil, err
		}
	}
	if rep.Loads, err = q.loads(ctx, o.warehouse); err != nil {
		return nil, err
	}
	return rep, nil
}

// monthRange is every month from first to last, "YYYY-MM".
func monthRange(first, last string) ([]string, error) {
	f, err := time.Parse("2006-01", first)
	if err != nil {
		return nil, fmt.Errorf("first month %q: %w", first, err)
	}
	l, err := time.Parse("2006-01", last)
	if err != nil {
		return nil, fmt.Errorf("last month %q: %w", last, err)
	}
	var out []string
	for m := f; !m.After(l); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out, nil
}

// series adds n to key's dense series at month index i.
func (s *stackedSeries) add(key string, i int, n int64, months int) {
	if s.Series == nil {
		s.Series = map[string][]int64{}
	}
	v, ok := s.Series[key]
	if !ok {
		v = make([]int64, months)
		s.Series[key] = v
		s.Keys = append(s.Keys, key)
	}
	v[i] += n
}

func (q *querier) monthly(ctx context.Context, rep *report, mi map[string]int) error {
	rep.Monthly.SQL = sqlMonthly
	// Classifications in order of secrecy, whatever the warehouse holds.
	for _, c := range []string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"} {
		rep.Monthly.add(c, 0, 0, len(rep.Months))
	}
	return q.each(ctx, "monthly", sqlMonthly, func(scan func(...any) error) error {
		var month, class string
		var n int64
		if err := scan(&month, &class, &n); err != nil {
			return err
		}
		rep.Monthly.add(class, mi[month], n, len(rep.Months))
		return nil
	})
}

func (q *querier) posts(ctx context.Context, rep *report, _ map[string]int) error {
	rep.Posts.SQL = sqlPosts
	return q.each(ctx, "posts", sqlPosts, func(scan func(...any) error) error {
		var r ranked
		if err := scan(&r.Name, &r.Cables); err != nil {
			return err
		}
		rep.Posts.Rows = append(rep.Posts.Rows, r)
		return nil
	})
}

func (q *querier) tags(ctx context.Context, rep *report, mi map[string]int) error {
	rep.Tags.SQL = sqlTags
	return q.each(ctx, "tags", sqlTags, func(scan func(...any) error) error {
		var tag, month string
		var n int64
		if err := scan(&tag, &month, &n); err != nil {
			return err
		}
		rep.Tags.add(tag, mi[month], n, len(rep.Months))
		return nil
	})
}

func (q *querier) entities(ctx context.Context, rep *report, mi map[string]int) error {
	rep.Entities.SQL = sqlEntities
	rep.Entities.Types = map[string][]entityRank{"PERSON": {}, "ORG": {}, "PLACE": {}}
	return q.each(ctx, "entities", sqlEntities, func(scan func(...any) error) error {
		var typ, name, month string
		var cables, n int64
		if err := scan(&typ, &name, &cables, &month, &n); err != nil {
			return err
		}
		rows := rep.Entities.Types[typ]
		if len(rows) == 0 || rows[len(rows)-1].Name != name {
			rows = append(rows, entityRank{Name: name, Cables: cables, Spark: make([]int64, len(rep.Months))})
		}
		rows[len(rows)-1].Spark[mi[month]] += n
		rep.Entities.Types[typ] = rows
		return nil
	})
}

func (q *querier) network(ctx context.Context, rep *report, _ map[string]int) error {
	rep.Network.SQL = sqlNodes
	rep.Network.Nodes = []netNode{}
	rep.Network.Edges = [][3]int64{}
	if err := q.each(ctx, "nodes", sqlNodes, func(scan func(...any) error) error {
		var n netNode
		if err := scan(&n.ID, &n.Type, &n.Name, &n.Cables); err != nil {
			return err
		}
		rep.Network.Nodes = append(rep.Network.Nodes, n)
		return nil
	}); err != nil {
		return err
	}
	rep.Network.EdgesSQL = sqlEdges(q.opts)
	if err := q.each(ctx, "edges", rep.Network.EdgesSQL, func(scan func(...any) error) error {
		var e [3]int64
		if err := scan(&e[0], &e[1], &e[2]); err != nil {
			return err
		}
		rep.Network.Edges = append(rep.Network.Edges, e)
		return nil
	}); err != nil {
		return err
	}
	start := time.Now()
	index := make(map[int64]int, len(rep.Network.Nodes))
	for i, n := range rep.Network.Nodes {
		index[n.ID] = i
	}
	for i, p := range forceLayout(len(rep.Network.Nodes), rep.Network.Edges, index) {
		rep.Network.Nodes[i].X, rep.Network.Nodes[i].Y = p[0], p[1]
	}
	q.timings["layout"] = fmt.Sprintf("%.2f", time.Since(start).Seconds())
	return nil
}

func (q *querier) worldMap(ctx context.Context, rep *report, _ map[string]int) error {
	rep.Map.SQL = sqlMap
	rep.Map.Rows = []ranked{}
	return q.each(ctx, "map", sqlMap, func(scan func(...any) error) error {
		var r ranked
		if err := scan(&r.Name, &r.Cables); err != nil {
			return err
		}
		rep.Map.Rows = append(rep.Map.Rows, r)
		return nil
	})
}

func (q *querier) byNode(ctx context.Context, rep *report, mi map[string]int) error {
	b := &rep.ByNode
	b.SQL = []string{sqlNodeMonthly, sqlNodePosts, sqlNodeTags, sqlNodeMap, sqlNodeEntities}
	b.Monthly = map[int64][][3]int64{}
	b.Posts = map[int64][]ranked{}
	b.Tags = map[int64]map[string][][2]int64{}
	b.Map = map[int64][]ranked{}
	b.Entities = map[int64]map[string][]entityRank{}
	class := map[string]int64{}
	for i, k := range rep.Monthly.Keys {
		class[k] = int64(i)
	}
	if err := q.each(ctx, "node monthly", sqlNodeMonthly, func(scan func(...any) error) error {
		var id, n int64
		var month, c string
		if err := scan(&id, &month, &c, &n); err != nil {
			return err
		}
		b.Monthly[id] = append(b.Monthly[id], [3]int64{int64(mi[month]), class[c], n})
		return nil
	}); err != nil {
		return err
	}
	if err := q.each(ctx, "node posts", sqlNodePosts, func(scan func(...any) error) error {
		var id int64
		var r ranked
		if err := scan(&id, &r.Name, &r.Cables); err != nil {
			return err
		}
		b.Posts[id] = append(b.Posts[id], r)
		return nil
	}); err != nil {
		return err
	}
	if err := q.each(ctx, "node tags", sqlNodeTags, func(scan func(...any) error) error {
		var id, n int64
		var tag, month string
		if err := scan(&id, &tag, &month, &n); err != nil {
			return err
		}
		if b.Tags[id] == nil {
			b.Tags[id] = map[string][][2]int64{}
		}
		b.Tags[id][tag] = append(b.Tags[id][tag], [2]int64{int64(mi[month]), n})
		return nil
	}); err != nil {
		return err
	}
	if err := q.each(ctx, "node map", sqlNodeMap, func(scan func(...any) error) error {
		var id int64
		var r ranked
		if err := scan(&id, &r.Name, &r.Cables); err != nil {
			return err
		}
		b.Map[id] = append(b.Map[id], r)
		return nil
	}); err != nil {
		return err
	}
	return q.each(ctx, "node entities", sqlNodeEntities, func(scan func(...any) error) error {
		var id int64
		var typ string
		var r entityRank
		if err := scan(&id, &typ, &r.Name, &r.Cables); err != nil {
			return err
		}
		if b.Entities[id] == nil {
			b.Entities[id] = map[string][]entityRank{}
		}
		b.Entities[id][typ] = append(b.Entities[id][typ], r)
		return nil
	})
}

// loads reads the commit records; a warehouse without any gets a note.
func (q *querier) loads(ctx context.Context, warehouse string) (loadTable, error) {
	t := loadTable{SQL: sqlLoads(warehouse), Rows: []load{}}
	recs, err := filepath.Glob(filepath.Join(warehouse, "_cablewire", "commits", "*.json"))
	if err != nil {
		return t, err
	}
	recs = slices.DeleteFunc(recs, func(p string) bool { return strings.HasPrefix(filepath.Base(p), "_") })
	if len(recs) == 0 {
		t.Note = "no commit records under _cablewire/commits/: the warehouse was not written by the cablewire sink"
		return t, nil
	}
	err = q.each(ctx, "loads", t.SQL, func(scan func(...any) error) error {
		var l load
		var first, last time.Time
		var cr, pr, er sql.NullInt64
		if err := scan(&l.Instance, &first, &last, &l.Commits, &l.Cables, &l.Partitions,
			&l.Files, &l.Bytes, &cr, &pr, &er); err != nil {
			return err
		}
		l.FirstCommit = first.UTC().Format(time.RFC3339)
		l.LastCommit = last.UTC().Format(time.RFC3339)
		l.CableRows, l.ParagraphRows, l.EntityRows = cr.Int64, pr.Int64, er.Int64
		t.Rows = append(t.Rows, l)
		return nil
	})
	return t, err
}
