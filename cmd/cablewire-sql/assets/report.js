// The report's page: draws the data cablewire-sql report wrote into
// #report-data with ECharts (SVG renderer), and filters the page to the
// cables mentioning a network node when one is clicked.
(function () {
  "use strict";
  const t0 = performance.now();
  const D = JSON.parse(document.getElementById("report-data").textContent);
  echarts.registerMap("world", JSON.parse(document.getElementById("world-data").textContent));

  const CLASS_COLORS = { "UNCLASSIFIED": "#7fb77e", "CONFIDENTIAL": "#f2b84b", "SECRET": "#e8684a", "TOP SECRET": "#8e44ad" };
  const TYPE_COLORS = { PERSON: "#5b8ff9", ORG: "#f6903d" };
  const fmt = (n) => Number(n).toLocaleString("en-US");
  const charts = {};   // container id -> ECharts instance
  let sparks = [];     // sparkline instances of the entity tables
  let selected = null; // network node id the page is filtered to, or null
  const nodeById = new Map(D.network.nodes.map((n) => [n.id, n]));
  // What a click shows is most of the data: parsed at the first click.
  let nodeData = null;
  const byNode = () => nodeData || (nodeData = JSON.parse(document.getElementById("node-data").textContent));

  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: "svg" });
    return charts[id];
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // --- header, definitions and SQL ----------------------------------------
  function header() {
    const f = Object.entries(D.filters).map(([k, v]) => `--${k} ${v}`).join(" ");
    const first = D.months[0], last = D.months[D.months.length - 1];
    document.getElementById("subtitle").textContent =
      `${fmt(D.cables)} cables from ${first} to ${last}${f ? " (" + f + ")" : ""} · warehouse ${D.warehouse} · generated ${D.generated}`;
    document.querySelectorAll(".wh").forEach((e) => { e.textContent = D.warehouse; });
    document.getElementById("defs-sql").textContent = D.defs.map((d) => d.sql).join("\n\n");
    const t = Object.entries(D.timings).map(([k, v]) => `${k} ${v}s`).join(", ");
    document.getElementById("footer").textContent = "Query times: " + t + ". Charts by Apache ECharts; map data Natural Earth (public domain) via world-atlas.";
  }

  const NODE_SQL = ["monthly", "posts", "tags", "map", "entities"];
  function showSQL() {
    const sqlOf = {
      monthly: D.monthly.sql, posts: D.posts.sql, tags: D.tags.sql, entities: D.entities.sql,
      network: D.network.sql + "\n\n" + D.network.edgesSql, map: D.map.sql, loads: D.loads.sql,
    };
    document.querySelectorAll("details.sql").forEach((d) => {
      const name = d.dataset.chart;
      let s = sqlOf[name];
      const i = NODE_SQL.indexOf(name);
      if (selected !== null && i >= 0) {
        const n = nodeById.get(selected);
        s = `-- filtered to node ${n.id} (${n.type} ${n.name}): this query, WHERE id = ${n.id}\n` + byNode().sql[i];
      }
      d.querySelector("pre").textContent = s;
    });
  }

  // --- charts ---------------------------------------------------------------
  // The time charts open on the months that hold 99.5% of the cables: a
  // few cables decades older would otherwise squeeze the rest to the right.
  const zoomStart = (() => {
    const tot = D.months.map((_, i) => D.monthly.keys.reduce((a, k) => a + D.monthly.series[k][i], 0));
    const all = tot.reduce((a, b) => a + b, 0);
    let run = 0;
    for (let i = 0; i < tot.length; i++) {
      run += tot[i];
      if (run > all * 0.005) return Math.max(0, i - 1);
    }
    return 0;
  })();
  const zoom = [
    { type: "inside", startValue: D.months[zoomStart] },
    { type: "slider", height: 18, bottom: 4, startValue: D.months[zoomStart] },
  ];

  function monthly() {
    let series = D.monthly.keys.map((k) => ({ key: k, data: D.monthly.series[k] }));
    if (selected !== null) {
      const dense = D.monthly.keys.map(() => new Array(D.months.length).fill(0));
      for (const [m, c, n] of byNode().monthly[selected] || []) dense[c][m] += n;
      series = D.monthly.keys.map((k, i) => ({ key: k, data: dense[i] }));
    }
    chart("chart-monthly").setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 30, bottom: 50 },
      xAxis: { type: "category", data: D.months },
      yAxis: { type: "value", name: "cables" },
      dataZoom: zoom,
      series: series.map((s) => ({ name: s.key, type: "bar", stack: "c", data: s.data, color: CLASS_COLORS[s.key], barCategoryGap: "10%" })),
    }, true);
  }

  function ranked(id, rows, name) {
    const r = rows.slice().reverse();
    chart(id).setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 10, right: 40, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: r.map((x) => x.name), axisLabel: { width: 190, overflow: "truncate" } },
      series: [{ name: name, type: "bar", data: r.map((x) => x.cables), color: "#5b8ff9", label: { show: true, position: "right", fontSize: 10 } }],
    }, true);
  }

  function posts() {
    ranked("chart-posts", selected !== null ? byNode().posts[selected] || [] : D.posts.rows, "cables");
  }

  function tags() {
    let keys = D.tags.keys, series = D.tags.series;
    if (selected !== null) {
      const t = byNode().tags[selected] || {};
      keys = Object.keys(t).sort();
      series = {};
      for (const k of keys) {
        const d = new Array(D.months.length).fill(0);
        for (const [m, n] of t[k]) d[m] += n;
        series[k] = d;
      }
    }
    chart("chart-tags").setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 50, right: 20, top: 40, bottom: 50 },
      xAxis: { type: "category", data: D.months },
      yAxis: { type: "value", name: "cables" },
      dataZoom: zoom,
      series: keys.map((k) => ({ name: k, type: "line", data: series[k], showSymbol: false, lineStyle: { width: 1.5 } })),
    }, true);
  }

  // Sparklines cover the months the time charts open on, by quarter when
  // that is many months: 130 pixels show no more.
  const sparkBuckets = (() => {
    const n = D.months.length - zoomStart, per = n > 90 ? 3 : 1, out = [];
    for (let i = zoomStart; i < D.months.length; i += per) out.push([i, Math.min(i + per, D.months.length)]);
    return out;
  })();
  const sparkLabels = sparkBuckets.map(([a, b]) => b - a > 1 ? D.months[a] + "…" + D.months[b - 1] : D.months[a]);
  const bucketed = (v) => sparkBuckets.map(([a, b]) => { let s = 0; for (let i = a; i < b; i++) s += v[i]; return s; });

  function entities() {
    for (const s of sparks) s.dispose();
    sparks = [];
    const note = document.getElementById("entities-note");
    if (selected === null) {
      note.textContent = "The 15 people, organizations and places mentioned in most cables, with their cables over time (by quarter over a long span), from the month the time charts open on.";
    } else {
      note.textContent = `Mentioned most often with ${nodeById.get(selected).name}, in the cables that mention it ` +
        "(among the network's people and organizations and the 100 places mentioned in most cables).";
    }
    for (const type of ["PERSON", "ORG", "PLACE"]) {
      const table = document.getElementById("ent-" + type);
      table.replaceChildren();
      const head = el("tr");
      head.append(el("th", {}, "#"), el("th", {}, "name"), el("th", { class: "num" }, "cables"), el("th", {}, selected === null ? "over time" : "with it"));
      table.append(head);
      const rows = selected === null ? D.entities.types[type] || [] : (byNode().entities[selected] || {})[type] || [];
      const max = rows.reduce((a, r) => Math.max(a, r.cables), 1);
      rows.forEach((r, i) => {
        const tr = el("tr");
        const cell = el("td", { class: "spark" });
        tr.append(el("td", { class: "num" }, String(i + 1)), el("td", { class: "name", title: r.name }, r.name), el("td", { class: "num" }, fmt(r.cables)), cell);
        table.append(tr);
        if (r.spark) {
          const div = el("div", { class: "spark" });
          cell.append(div);
          const s = echarts.init(div, null, { renderer: "svg" });
          s.setOption({
            animation: false,
            grid: { left: 2, right: 2, top: 2, bottom: 2 },
            xAxis: { type: "category", show: false, data: sparkLabels },
            yAxis: { type: "value", show: false },
            tooltip: { trigger: "axis", confine: true, textStyle: { fontSize: 10 } },
            series: [{ type: "line", data: bucketed(r.spark), showSymbol: false, lineStyle: { width: 1, color: "#2b6cb0" }, areaStyle: { color: "#c6dbf5" } }],
          });
          sparks.push(s);
        } else {
          const bar = el("div", { class: "bar" });
          bar.style.width = Math.max(2, Math.round(120 * r.cables / max)) + "px";
          cell.append(bar);
        }
      });
    }
  }

  function network() {
    const nodes = D.network.nodes;
    const maxC = nodes.reduce((a, n) => Math.max(a, n.cables), 1);
    const maxE = D.network.edges.reduce((a, e) => Math.max(a, e[2]), 1);
    const c = chart("chart-network");
    c.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => p.dataType === "edge"
          ? `${nodeById.get(+p.data.source).name} — ${nodeById.get(+p.data.target).name}: ${fmt(p.data.value)} cables`
          : `${p.data.fullName} (${p.data.type}): ${fmt(p.data.value)} cables`,
      },
      legend: { data: ["PERSON", "ORG"], top: 0 },
      series: [{
        // Positions come laid out (cablewire-sql's forceLayout): the page
        // opens at once and draws the same picture every time.
        type: "graph", layout: "none", roam: true, draggable: false,
        categories: [{ name: "PERSON", itemStyle: { color: TYPE_COLORS.PERSON } }, { name: "ORG", itemStyle: { color: TYPE_COLORS.ORG } }],
        data: nodes.map((n, i) => ({
          id: String(n.id), name: n.name.length > 28 ? n.name.slice(0, 27) + "…" : n.name, fullName: n.name, type: n.type,
          x: n.x * 1000, y: n.y * 1000,
          value: n.cables, category: n.type === "PERSON" ? 0 : 1,
          symbolSize: 6 + 30 * Math.sqrt(n.cables / maxC),
          label: { show: i < 40, fontSize: 10 },
        })),
        links: D.network.edges.map(([s, t, n]) => ({ source: String(s), target: String(t), value: n, lineStyle: { width: 0.3 + 3 * n / maxE } })),
        lineStyle: { color: "source", opacity: 0.25, curveness: 0 },
        emphasis: { focus: "adjacency", lineStyle: { opacity: 0.8 } },
        labelLayout: { hideOverlap: true },
      }],
    }, true);
    c.on("click", (p) => {
      if (p.dataType === "node") select(+p.data.id);
    });
  }

  function worldMap() {
    const rows = selected !== null ? byNode().map[selected] || [] : D.map.rows;
    const max = rows.reduce((a, r) => Math.max(a, r.cables), 1);
    chart("chart-map").setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: (p) => `${p.name}: ${p.data ? fmt(p.data.cables) : 0} cables` },
      visualMap: {
        type: "continuous", min: 0, max: Math.log10(max + 1), calculable: false, left: 10, bottom: 10,
        text: [fmt(max) + " cables", "1"], inRange: { color: ["#e0ecf8", "#6baed6", "#08306b"] },
        formatter: (v) => fmt(Math.round(Math.pow(10, v) - 1)),
      },
      series: [{
        type: "map", map: "world", roam: true, nameProperty: "name",
        itemStyle: { areaColor: "#f0f0f0", borderColor: "#bbb", borderWidth: 0.4 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#ffd166" } },
        data: rows.map((r) => ({ name: r.name, value: Math.log10(r.cables + 1), cables: r.cables })),
      }],
    }, true);
  }

  function loads() {
    const t = document.getElementById("loads");
    t.replaceChildren();
    const note = document.getElementById("loads-note");
    note.textContent = D.loads.note || "The last loads, newest first, from the commit records the sink writes under _cablewire/commits/ (one load per sink instance). Counts are of this warehouse, whatever the report's filters.";
    const cols = [["instance", "instance"], ["firstCommit", "first commit"], ["lastCommit", "last commit"], ["commits", "commits"],
      ["cables", "cables"], ["partitions", "partitions"], ["files", "files"], ["bytes", "bytes"],
      ["cableRows", "cable rows"], ["paragraphRows", "paragraph rows"], ["entityRows", "entity rows"]];
    const head = el("tr");
    for (const [k, name] of cols) head.append(el("th", { class: typeof (D.loads.rows[0] || {})[k] === "number" ? "num" : "" }, name));
    t.append(head);
    for (const r of D.loads.rows) {
      const tr = el("tr");
      for (const [k] of cols) tr.append(typeof r[k] === "number" ? el("td", { class: "num" }, fmt(r[k])) : el("td", {}, r[k]));
      t.append(tr);
    }
    const dn = document.getElementById("dead-note"), dt = document.getElementById("dead");
    dt.replaceChildren();
    if (!D.deadLetters) {
      dn.textContent = "Not known to this report: dead letters live in the pipeline's JetStream dead-letter stream, not in the warehouse. " +
        "`cablewire report --data DIR` (the run's data directory) or `--nats URL` reads them; `cablewire dlq` lists them.";
      return;
    }
    dn.textContent = `${fmt(D.deadLetters.total)} dead letters in ${D.deadLetters.source}` + (D.deadLetters.total ? ", by stage and reason." : ".");
    if (!D.deadLetters.rows.length) return;
    const h = el("tr");
    h.append(el("th", {}, "stage"), el("th", {}, "reason"), el("th", { class: "num" }, "messages"));
    dt.append(h);
    for (const r of D.deadLetters.rows) {
      const tr = el("tr");
      tr.append(el("td", {}, r.stage), el("td", {}, r.reason), el("td", { class: "num" }, fmt(r.count)));
      dt.append(tr);
    }
  }

  // --- filtering --------------------------------------------------------------
  function select(id) {
    selected = id;
    const banner = document.getElementById("filter-banner");
    if (id === null) {
      banner.hidden = true;
      charts["chart-network"].dispatchAction({ type: "unselect", seriesIndex: 0 });
    } else {
      const n = nodeById.get(id);
      document.getElementById("filter-name").textContent = `${n.name} (${n.type})`;
      document.getElementById("filter-count").textContent = `${fmt(n.cables)} cables`;
      banner.hidden = false;
    }
    monthly(); posts(); tags(); entities(); worldMap(); showSQL();
  }
  document.getElementById("filter-clear").addEventListener("click", () => select(null));

  // Each part's drawing time, for BenchmarkReportPageOpen.
  const drawTimes = { parse: Math.round(performance.now() - t0) };
  const timed = (name, f) => { const s = performance.now(); f(); drawTimes[name] = Math.round(performance.now() - s); };
  header();
  timed("monthly", monthly); timed("posts", posts); timed("tags", tags); timed("entities", entities);
  timed("network", network); timed("map", worldMap); timed("loads", loads); showSQL();
  window.addEventListener("resize", () => { for (const k in charts) charts[k].resize(); });

  // What a test (or a curious analyst in the console) can ask the page.
  window.cablewireReport = {
    ready: true,
    selected: () => selected,
    chartIds: () => Object.keys(charts),
    sparklines: () => sparks.length,
    // drawnMs is how long after navigation the page had drawn everything.
    drawnMs: performance.now(),
    drawTimes: drawTimes,
    // nodeLayouts is where each network node is drawn: its id, centre in
    // viewport coordinates and radius, for a test to click one.
    nodeLayouts: () => {
      const c = charts["chart-network"];
      const data = c.getModel().getSeriesByIndex(0).getData();
      const r = c.getDom().getBoundingClientRect();
      return D.network.nodes.map((n, i) => {
        const [x, y] = c.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i));
        const size = data.getItemVisual(i, "symbolSize");
        return { id: n.id, x: r.left + x, y: r.top + y, r: (Array.isArray(size) ? size[0] : size) / 2 };
      });
    },
  };
})();
