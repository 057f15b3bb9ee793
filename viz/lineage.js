// The lineage map's behaviour. Every string from the data reaches the page through
// textContent (or is drawn on the canvas by vis-network), never as HTML.
(function () {
  "use strict";
  performance.mark("mlkg:start");
  const DATA = JSON.parse(document.getElementById("mlkg-data").textContent);
  performance.mark("mlkg:parsed");
  const byId = new Map(DATA.nodes.map((n) => [n.id, n]));
  const rels = new Map(DATA.legend.relations.map((r) => [r.rel, r]));
  const kindLabel = new Map(DATA.legend.kinds.map((k) => [k.kind, k.label]));
  // kg/map.py sends rows ([fields..., style], each distinct style once): objects again here.
  function unpack(rows, fields, styles) {
    return rows.map((row) => {
      const item = Object.assign({}, styles[row[row.length - 1]]);
      fields.forEach((f, i) => { item[f] = row[i]; });
      return item;
    });
  }
  DATA.vis.nodes = unpack(DATA.vis.nodes, ["id", "label", "x", "y"], DATA.vis.nodeStyles);
  DATA.vis.edges = unpack(DATA.vis.edges, ["id", "from", "to"], DATA.vis.edgeStyles);
  DATA.edges = DATA.edges.map((row, i) => {  // [rel, subject, object]; lineage drawn parent -> child
    const lineage = rels.get(row[0]).lineage;
    return { id: "e" + i, index: i, rel: row[0], s: row[1], o: row[2],
             from: lineage ? row[2] : row[1], to: lineage ? row[1] : row[2] };
  });
  let evidenceRows = null;  // its own block, parsed when a panel or tooltip first needs it
  function evidenceOf(e) {
    if (!evidenceRows) evidenceRows = JSON.parse(document.getElementById("mlkg-evidence").textContent);
    return evidenceRows[e.index].map((r) => ({ sentence: r[0], paper: r[1], rule: r[2], confidence: r[3] }));
  }
  const edgeById = new Map(DATA.edges.map((e) => [e.id, e]));
  const parents = new Map(), children = new Map(), touching = new Map();
  function push(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }
  DATA.edges.forEach((e) => {
    push(touching, e.from, e);
    push(touching, e.to, e);
    if (rels.get(e.rel).lineage) { push(parents, e.to, e.from); push(children, e.from, e.to); }
  });

  // vis gets the drawing only (DATA.vis); names, facts and evidence stay in DATA.nodes/edges.
  // Layers that start switched off (papers, on a large map) reach vis only when switched on:
  // every item vis holds costs time at load, drawn or not.
  const state = { layerOn: {}, focus: null, technique: null, selected: null, search: "" };
  function layersFrom(hash) {  // #hide=paper,dataset&show=technique: the layers switched on
    const p = new URLSearchParams(hash.replace(/^#/, ""));
    const off = (p.get("hide") || "").split(","), on = (p.get("show") || "").split(",");
    const out = {};
    DATA.legend.kinds.forEach((k) => {
      out[k.kind] = on.indexOf(k.kind) >= 0 || (off.indexOf(k.kind) < 0 && DATA.layersOff.indexOf(k.kind) < 0);
    });
    return out;
  }
  state.layerOn = layersFrom(location.hash);  // before vis is built: it gets what is shown
  const visNode = new Map(DATA.vis.nodes.map((n) => [n.id, n]));
  const visEdge = new Map(DATA.vis.edges.map((e) => [e.id, e]));
  const hidden = new Map();  // node id -> not drawn now; only changes are sent to vis
  const present = new Set(), edgePresent = new Set();  // what vis holds at all
  DATA.nodes.forEach((n) => {
    const on = n.kind === "model" || state.layerOn[n.kind];
    hidden.set(n.id, !on);
    if (on) present.add(n.id);
  });
  DATA.edges.forEach((e) => {
    e.hidden = hidden.get(e.from) || hidden.get(e.to);
    if (!e.hidden) edgePresent.add(e.id);
  });
  const groupShown = DATA.groups.map(() => 0);  // visible nodes on each card
  DATA.nodes.forEach((n) => { if (n.box >= 0 && !hidden.get(n.id)) groupShown[n.box] += 1; });
  let focusSet = null, techSet = null, matches = [], matchAt = -1;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function status(text) { document.getElementById("status").textContent = text; }
  function visible(id) {
    const n = byId.get(id);
    return !!n && (n.kind === "model" || state.layerOn[n.kind]) &&
      (!focusSet || focusSet.has(id)) && (!techSet || techSet.has(id));
  }
  function refresh() {
    const nodeAdds = [], nodeUpdates = [], edgeAdds = [], edgeUpdates = [];
    DATA.nodes.forEach((n) => {
      const hide = !visible(n.id);
      if (hidden.get(n.id) === hide) return;
      hidden.set(n.id, hide);
      if (!present.has(n.id)) {  // first shown now: hand it to vis
        present.add(n.id);
        nodeAdds.push(Object.assign({}, visNode.get(n.id), { hidden: hide }));
      } else {
        nodeUpdates.push({ id: n.id, hidden: hide });
      }
      if (n.box >= 0) groupShown[n.box] += hide ? -1 : 1;
    });
    if (!nodeAdds.length && !nodeUpdates.length) return;
    nodes.add(nodeAdds);
    nodes.update(nodeUpdates);
    // an edge is drawn only when both ends are
    DATA.edges.forEach((e) => {
      const hide = hidden.get(e.from) || hidden.get(e.to);
      if (e.hidden === hide) return;
      e.hidden = hide;
      if (!edgePresent.has(e.id)) {
        edgePresent.add(e.id);
        edgeAdds.push(visEdge.get(e.id));
      } else {
        edgeUpdates.push({ id: e.id, hidden: hide });
      }
    });
    edges.add(edgeAdds);
    edges.update(edgeUpdates);
  }
  function shown() {
    let n = 0, m = 0;
    hidden.forEach((h) => { if (!h) n += 1; });
    DATA.edges.forEach((e) => { if (!e.hidden) m += 1; });
    return { nodes: n, edges: m };
  }
  function resized() {  // the side panel opened or closed: the canvas changed size
    network.setSize("100%", "100%");
    network.redraw();
  }
  function fitShown() {
    const ids = DATA.nodes.filter((n) => !hidden.get(n.id)).map((n) => n.id);
    if (ids.length) network.fit({ nodes: ids, animation: false, maxZoomLevel: 1.2 });
  }

  // ---- the URL fragment holds the view: #focus=..&technique=..&search=..&node=..&hide=paper&show=..
  let applying = false;
  function writeHash() {
    if (applying) return;
    const p = new URLSearchParams();
    if (state.focus) p.set("focus", state.focus);
    if (state.technique) p.set("technique", state.technique);
    if (state.search) p.set("search", state.search);
    if (state.selected) p.set("node", state.selected);
    const off = Object.keys(state.layerOn).filter((k) => !state.layerOn[k]);
    const hide = off.filter((k) => DATA.layersOff.indexOf(k) < 0);
    const show = DATA.layersOff.filter((k) => k in state.layerOn && state.layerOn[k]);
    if (hide.length) p.set("hide", hide.join(","));
    if (show.length) p.set("show", show.join(","));
    const hash = p.toString() ? "#" + p.toString() : "";
    if (hash === location.hash) return;
    try {
      history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (err) {  // some file:// setups refuse; a plain assignment still works
      location.hash = hash;
    }
  }

  // ---- layers: one checkbox per kind present, except models
  const layers = document.getElementById("layers");
  DATA.legend.kinds.forEach((k) => {
    if (k.kind === "model") return;
    const box = el("input");
    box.type = "checkbox";
    box.checked = state.layerOn[k.kind];
    box.id = "layer-" + k.kind;
    box.addEventListener("change", () => { setLayer(k.kind, box.checked); writeHash(); });
    const label = el("label", " " + k.label + "s");
    label.insertBefore(box, label.firstChild);
    layers.appendChild(label);
  });
  function setLayer(kind, on, now) {
    if (!(kind in state.layerOn) || kind === "model") return;
    state.layerOn[kind] = on;
    document.getElementById("layer-" + kind).checked = on;
    if (now !== false) refresh();
  }

  // ---- legend
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach((k) => e.setAttribute(k, attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  const SHAPES = {
    box: ["rect", { x: 2, y: 4, width: 18, height: 10, rx: 2 }],
    diamond: ["polygon", { points: "11,1 20,9 11,17 2,9" }],
    square: ["rect", { x: 4, y: 2, width: 14, height: 14 }],
    dot: ["circle", { cx: 11, cy: 9, r: 6 }],
    triangle: ["polygon", { points: "11,1 20,17 2,17" }],
    ellipse: ["ellipse", { cx: 11, cy: 9, rx: 9, ry: 6 }]
  };
  const legend = document.getElementById("legend");
  DATA.legend.kinds.forEach((k) => {
    const row = el("div"), icon = svg("svg", { width: 22, height: 18 }, row);
    const shape = SHAPES[k.shape] || SHAPES.ellipse;
    svg(shape[0], Object.assign({ fill: k.color, stroke: "#666" }, shape[1]), icon);
    row.appendChild(el("span", k.label + " (" + k.count + ")"));
    legend.appendChild(row);
  });
  DATA.legend.relations.forEach((r) => {
    const row = el("div"), icon = svg("svg", { width: 30, height: 12 }, row);
    const line = { x1: 1, y1: 6, x2: 29, y2: 6, stroke: r.color, "stroke-width": r.lineage ? 2.5 : 1.5 };
    if (r.dashes) line["stroke-dasharray"] = r.dashes.join(" ");
    svg("line", line, icon);
    row.appendChild(el("span", r.label + " (" + r.count + ")"));
    legend.appendChild(row);
  });

  // ---- side panel
  const panel = document.getElementById("panel");
  function display(n) {  // "Multi-Token Prediction (MTP)", "Some paper (2025-08-20)"
    if (n.kind === "paper" && n.issued) return n.name + " (" + n.issued + ")";
    return n.abbr ? n.name + " (" + n.abbr + ")" : n.name;
  }
  function link(id, brief) {
    const n = byId.get(id);
    if (!n) return el("span", id);
    const b = el("button", brief && n.short ? n.short + (n.issued ? " (" + n.issued + ")" : "") : display(n), "link");
    b.type = "button";
    b.addEventListener("click", () => select(id, true));
    return b;
  }
  function list(title, ids, into) {
    if (!ids || !ids.length) return;
    into.appendChild(el("h3", title));
    const ul = el("ul");
    ids.forEach((id) => { const li = el("li"); li.appendChild(link(id)); ul.appendChild(li); });
    into.appendChild(ul);
  }
  // seen: sentences already quoted in this panel; a repeat is named, not quoted again
  function evidence(items, into, seen) {
    (items || []).forEach((ev) => {
      const cite = el("div", "", "muted");
      if (seen && seen.has(ev.sentence)) {
        cite.appendChild(document.createTextNode("same sentence as above, "));
      } else {
        if (seen) seen.add(ev.sentence);
        into.appendChild(el("blockquote", "\u201c" + ev.sentence + "\u201d", "evidence"));
        cite.appendChild(document.createTextNode("\u2014 "));
      }
      cite.appendChild(ev.paper ? link(ev.paper, true) : el("span", "unknown paper"));
      const how = [ev.rule, ev.confidence === null ? "" : "confidence " + ev.confidence];
      cite.appendChild(el("span", " " + how.filter(Boolean).join(", ")));
      into.appendChild(cite);
    });
  }
  function button(text, action) {
    const b = el("button", text);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }
  function openPanel(tools) {
    clear(panel);
    panel.hidden = false;
    const bar = el("div", null, "toolbar");
    tools.forEach((t) => bar.appendChild(t));
    bar.appendChild(button("Close", () => { panel.hidden = true; resized(); state.selected = null; writeHash(); }));
    panel.appendChild(bar);
    resized();
  }
  function showNode(id) {
    const n = byId.get(id);
    const tools = [button("Focus lineage", () => focus(id))];
    if (focusSet || techSet) tools.push(button("Show all", resetView));
    openPanel(tools);
    panel.appendChild(el("div", kindLabel.get(n.kind) + (n.issued ? " \u00b7 " + n.issued : ""), "kind"));
    panel.appendChild(el("h2", n.name));
    panel.appendChild(el("div", n.id, "iri"));
    if (n.altLabels.length) {
      panel.appendChild(el("h3", "Also known as"));
      panel.appendChild(el("div", n.altLabels.join(", ")));
    }
    if (n.facts.length) {
      panel.appendChild(el("h3", n.kind === "paper" ? "Paper" : "Figures"));
      const table = el("table");
      n.facts.forEach((f) => {
        const tr = el("tr"), td = el("td");
        tr.appendChild(el("td", f[0]));
        td.appendChild(el("strong", f[1]));
        if (f[2].length) {  // figures are many: their evidence opens on demand
          const more = el("details"), sum = el("summary", "evidence", "muted");
          more.appendChild(sum);
          evidence(f[2], more);
          td.appendChild(more);
        }
        tr.appendChild(td);
        table.appendChild(tr);
      });
      panel.appendChild(table);
    }
    // Relations grouped by how they read from this node, in legend order, each with evidence.
    const groups = new Map(), seen = new Set(), linked = new Set();
    DATA.legend.relations.forEach((r) => { groups.set(r.rel + ">", []); groups.set(r.rel + "<", []); });
    (touching.get(id) || []).forEach((e) => groups.get(e.rel + (e.s === id ? ">" : "<")).push(e));
    groups.forEach((list, key) => {
      if (!list.length) return;
      const r = rels.get(key.slice(0, -1)), out = key.endsWith(">");
      const title = out ? r.label : r.inverse;
      panel.appendChild(el("h3", title.charAt(0).toUpperCase() + title.slice(1)));
      list.forEach((e) => {
        const other = out ? e.o : e.s, head = el("div", null, "rel");
        linked.add(other);
        head.appendChild(link(other));
        panel.appendChild(head);
        evidence(evidenceOf(e), panel, seen);
      });
    });
    list("Also in papers", n.papers.filter((p) => !linked.has(p)), panel);
  }
  function showEdge(edgeId) {
    const e = edgeById.get(edgeId);
    if (!e) return;
    openPanel([]);
    panel.appendChild(el("div", "Relation", "kind"));
    const h = el("h2");
    h.appendChild(link(e.s));
    h.appendChild(document.createTextNode(" " + rels.get(e.rel).label + " "));
    h.appendChild(link(e.o));
    panel.appendChild(h);
    panel.appendChild(el("h3", "Evidence"));
    const items = evidenceOf(e);
    if (!items.length) panel.appendChild(el("div", "none recorded", "muted"));
    evidence(items, panel);
  }
  function showList(title, ids, note) {
    openPanel([button("Show all", resetView)]);
    panel.appendChild(el("h2", title));
    if (note) panel.appendChild(el("div", note, "muted"));
    list(ids.length + " shown", ids.slice(0, 500), panel);
  }

  // ---- tooltips: plain text next to the pointer
  const tip = document.getElementById("tip");
  function showTip(pointer, title, lines) {
    clear(tip);
    tip.appendChild(el("strong", title));
    lines.forEach((line) => tip.appendChild(el("div", line)));
    tip.hidden = false;
    const box = document.getElementById("network").getBoundingClientRect();
    tip.style.left = Math.min(pointer.x + 14, box.width - 470) + "px";
    tip.style.top = (pointer.y + 14) + "px";
  }
  function hideTip() { tip.hidden = true; }

  // ---- selection, focus, technique filter, search
  function select(id, move) {
    if (!byId.has(id)) return;
    const n = byId.get(id);
    if (n.kind !== "model" && !state.layerOn[n.kind]) setLayer(n.kind, true);
    if (!visible(id)) { clearFocus(); clearTechnique(); }
    refresh();
    state.selected = id;
    network.selectNodes([id]);
    if (move) network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showNode(id);
    writeHash();
  }
  function walk(start, next, into) {
    const stack = [start];
    while (stack.length) {
      (next.get(stack.pop()) || []).forEach((m) => {
        if (!into.has(m)) { into.add(m); stack.push(m); }
      });
    }
  }
  function focusSetOf(id) {  // lineage ancestors and descendants, and what they touch
    const keep = new Set([id]);
    walk(id, parents, keep);
    walk(id, children, keep);
    Array.from(keep).forEach((m) => {
      (touching.get(m) || []).forEach((e) => {
        if (!rels.get(e.rel).lineage) { keep.add(e.from); keep.add(e.to); }
      });
    });
    return keep;
  }
  function focus(id) {
    if (!byId.has(id)) return;
    state.focus = id;
    focusSet = focusSetOf(id);
    refresh();
    state.selected = id;
    network.selectNodes([id]);
    showNode(id);
    fitShown();
    status("Focus on " + byId.get(id).name + ": " + shown().nodes + " nodes");
    writeHash();
  }
  function clearFocus() { state.focus = null; focusSet = null; }

  // technique filter: models using the technique or any narrower one (skos:broader, inverted)
  const narrower = new Map();
  DATA.taxonomy.forEach((t) => t.broader.forEach((b) => push(narrower, b, t.id)));
  const techLabel = new Map(DATA.taxonomy.map((t) => [t.id, t.label]));
  const usedBy = new Map(), techById = new Map(DATA.taxonomy.map((t) => [t.id, t]));
  DATA.edges.forEach((e) => { if (e.rel === "usesTechnique") push(usedBy, e.o, e.s); });
  function techniqueModels(id) {
    const family = new Set([id]), models = new Set();
    walk(id, narrower, family);
    family.forEach((t) => (usedBy.get(t) || []).forEach((m) => models.add(m)));
    return { family: family, models: Array.from(models) };
  }
  const techSelect = document.getElementById("technique");
  (function fillTechniques() {
    const roots = DATA.taxonomy.filter((t) => !t.broader.length);
    const visit = (t, depth, path) => {
      const count = techniqueModels(t.id).models.length;
      if (!count || path.has(t.id)) return;
      const opt = el("option", "\u2003".repeat(depth) + t.label + " (" + count + ")");
      opt.value = t.id;
      techSelect.appendChild(opt);
      const next = new Set(path).add(t.id);
      (narrower.get(t.id) || []).map((id) => techById.get(id))
        .sort((a, b) => a.label.localeCompare(b.label)).forEach((c) => visit(c, depth + 1, next));
    };
    roots.forEach((t) => visit(t, 0, new Set()));
  })();
  techSelect.addEventListener("change", () => {
    if (techSelect.value) filterTechnique(techSelect.value); else { clearTechnique(); refresh(); fitShown(); writeHash(); }
  });
  function filterTechnique(id) {
    if (!techLabel.has(id)) return;
    const found = techniqueModels(id);
    state.technique = id;
    techSelect.value = id;
    techSet = new Set(found.models);
    found.family.forEach((t) => techSet.add(t));
    refresh();
    const sorted = found.models.slice().sort((a, b) => byId.get(a).name.localeCompare(byId.get(b).name));
    const text = found.models.length + " model" + (found.models.length === 1 ? "" : "s") +
      " use " + techLabel.get(id) + " or a narrower technique";
    status(text);
    showList("Models using " + techLabel.get(id), sorted, text);
    fitShown();
    writeHash();
  }
  function clearTechnique() { state.technique = null; techSet = null; techSelect.value = ""; }

  const search = document.getElementById("search");
  function runSearch() {
    const q = search.value.trim().toLowerCase();
    state.search = search.value.trim();
    matchAt = -1;
    const scored = [];
    if (q) DATA.nodes.forEach((n, i) => {  // exact names first, then prefixes, then the rest
      let best = 3;
      n.names.forEach((s) => {
        const at = s.toLowerCase().indexOf(q);
        if (at >= 0) best = Math.min(best, s.length === q.length ? 0 : at === 0 ? 1 : 2);
      });
      if (best < 3) scored.push([best, i, n.id]);
    });
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    matches = scored.map((m) => m[2]);
    network.selectNodes(matches.filter(visible));
    status(q ? matches.length + " match" + (matches.length === 1 ? "" : "es") : "");
    if (matches.length > 1) showList("Search: " + state.search, matches, "Enter jumps to the next match");
    writeHash();
    return matches.length;
  }
  function nextMatch() {
    if (!matches.length) return;
    matchAt = (matchAt + 1) % matches.length;
    select(matches[matchAt], true);
    status((matchAt + 1) + " of " + matches.length + " matches");
  }
  let searchTimer = null;
  search.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, 150); });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(searchTimer);
      if (state.search !== search.value.trim()) runSearch();
      nextMatch();
    }
  });
  function resetView() {
    clearFocus();
    clearTechnique();
    search.value = "";
    state.search = "";
    matches = [];
    refresh();
    network.unselectAll();
    panel.hidden = true;
    resized();
    fitShown();
    status("");
    state.selected = null;
    writeHash();
  }
  // ---- the network, made once the header, legend and technique menu are filled in: the
  // canvas then has its final size, and vis draws it once instead of again after a resize.
  const nodes = new vis.DataSet(DATA.vis.nodes.filter((n) => present.has(n.id)));
  const edges = new vis.DataSet(DATA.vis.edges.filter((e) => edgePresent.has(e.id)));
  performance.mark("mlkg:datasets");
  const network = new vis.Network(document.getElementById("network"),
                                  { nodes: nodes, edges: edges }, DATA.vis.options);
  performance.mark("mlkg:network");
  // Each family of models (and its satellites) sits on a light card: groups read at a glance.
  network.on("beforeDrawing", (ctx) => {
    ctx.save();
    ctx.fillStyle = "#f3f7fb";
    ctx.strokeStyle = "#dfe7ef";
    ctx.lineWidth = 1;
    DATA.groups.forEach((g, i) => {
      if (!groupShown[i]) return;
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(g[0] - 10, g[1] - 10, g[2] + 20, g[3] + 20, 12);
      else ctx.rect(g[0] - 10, g[1] - 10, g[2] + 20, g[3] + 20);
      ctx.fill();
      ctx.stroke();
    });
    ctx.restore();
  });
  network.on("hoverNode", (p) => {
    const n = byId.get(p.node);
    const lines = [kindLabel.get(n.kind) + (n.issued ? " \u00b7 " + n.issued : "")];
    if (n.altLabels.length) lines.push("also: " + n.altLabels.slice(0, 6).join(", "));
    showTip(p.pointer.DOM, n.name, lines);
  });
  network.on("hoverEdge", (p) => {
    const e = edgeById.get(p.edge), items = evidenceOf(e);
    const lines = items.slice(0, 2).map((ev) =>
      "\u201c" + ev.sentence + "\u201d\n\u2014 " + (byId.has(ev.paper) ? byId.get(ev.paper).name : ev.paper || "unknown paper"));
    if (items.length > 2) lines.push("(+" + (items.length - 2) + " more: click the edge)");
    if (!lines.length) lines.push("no evidence sentence recorded");
    showTip(p.pointer.DOM, byId.get(e.s).name + " \u2014 " + rels.get(e.rel).label + " \u2192 " + byId.get(e.o).name, lines);
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach((ev) => network.on(ev, hideTip));
  document.getElementById("fit").addEventListener("click", fitShown);
  document.getElementById("reset").addEventListener("click", resetView);
  network.on("click", (p) => {
    hideTip();
    if (p.nodes.length) select(p.nodes[0], false);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) focus(p.nodes[0]); });

  function applyHash(initial) {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    applying = true;
    try {
      const layersOn = layersFrom(location.hash);
      Object.keys(layersOn).forEach((k) => setLayer(k, layersOn[k], false));
      clearFocus();
      clearTechnique();
      refresh();
      if (p.get("technique")) filterTechnique(p.get("technique"));
      if (p.get("focus") && byId.has(p.get("focus"))) focus(p.get("focus"));
      if (p.has("search")) {
        search.value = p.get("search");
        if (runSearch() === 1 && !p.get("node")) nextMatch();
      }
      if (p.get("node") && byId.has(p.get("node"))) select(p.get("node"), !p.get("focus"));
      // A large map was fitted by vis when it was made, with exactly these nodes: a second
      // fit would measure every label again.
      const fitted = initial === true && !DATA.physics;
      if (!p.get("focus") && !p.get("technique") && !p.get("node") && !fitted) fitShown();
    } finally {
      applying = false;
    }
    writeHash();
  }
  window.addEventListener("hashchange", applyHash);

  const api = { network: network, nodes: nodes, edges: edges, select: select, focus: focus,
                filterTechnique: filterTechnique, reset: resetView, shown: shown, setLayer: setLayer,
                search: (q) => { search.value = q; return runSearch(); }, ready: false, readyAt: null };
  window.mlkgMap = api;
  function start() {
    if (api.started) return;
    api.started = true;
    // Unfreeze the models for dragging now that nothing moves by itself.
    nodes.update(DATA.vis.nodes.filter((n) => n.fixed).map((n) => ({ id: n.id, fixed: false })));
    applyHash(true);
    network.once("afterDrawing", () => { api.ready = true; api.readyAt = performance.now(); });
    // Ask for the next frame rather than drawing now: vis has usually asked for it already (the
    // fit above), and a large map drawn twice costs a second or more.
    network.body.emitter.emit("_requestRedraw");
  }
  if (DATA.physics && DATA.vis.options.physics.enabled) {
    // Settle once, then freeze: no drifting while the user reads.
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      start();
    });
    setTimeout(start, 5000);  // in case stabilisation never reports
  } else {
    start();
  }
})();
