// Analyst pages: trend and place charts, the network graph, the activity map. No dependencies.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const COLORS = ["#1f5fa8", "#b3261e", "#2e7d32", "#c77700", "#8e24aa", "#00838f", "#6d4c41", "#546e7a"];

  function data(id) { const e = document.getElementById(id); return e ? JSON.parse(e.textContent) : null; }
  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // Lines of ads per time bucket, one per series (trends by indicator).
  function lineChart(box, t) {
    if (!box || !t || !t.buckets.length) { if (box) box.textContent = "no dated ads yet"; return; }
    const W = 900, H = 260, L = 40, B = 30, R = 200;
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "trend chart" });
    const max = Math.max(1, ...Object.values(t.series).flat());
    const x = i => L + (t.buckets.length === 1 ? 0 : i * (W - L - R) / (t.buckets.length - 1));
    const y = v => H - B - v * (H - B - 10) / max;
    svg.appendChild(svgEl("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#999" }));
    svg.appendChild(svgEl("text", { x: 2, y: 14, "font-size": 11 }, String(max)));
    t.buckets.forEach((b, i) => { if (i % Math.ceil(t.buckets.length / 8) === 0) svg.appendChild(svgEl("text", { x: x(i) - 15, y: H - 10, "font-size": 11 }, b)); });
    Object.entries(t.series).forEach(([name, vals], k) => {
      const c = COLORS[k % COLORS.length];
      svg.appendChild(svgEl("polyline", { points: vals.map((v, i) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: c, "stroke-width": 2 }));
      svg.appendChild(svgEl("text", { x: W - R + 10, y: 20 + k * 18, fill: c, "font-size": 12 }, `${name} (${t.totals[name]})`));
    });
    box.appendChild(svg);
  }

  function barChart(box, rows) {
    if (!box || !rows || !rows.length) return;
    const top = rows.slice(0, 12), W = 500, H = 20 * top.length + 10, max = Math.max(...top.map(r => r.ads));
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "ads by place" });
    top.forEach((r, i) => {
      svg.appendChild(svgEl("rect", { x: 200, y: 5 + i * 20, width: Math.max(1, r.ads * 280 / max), height: 14, fill: "#1f5fa8" }));
      svg.appendChild(svgEl("text", { x: 0, y: 16 + i * 20, "font-size": 12 }, r.place.slice(0, 30)));
      svg.appendChild(svgEl("text", { x: 205 + r.ads * 280 / max, y: 16 + i * 20, "font-size": 11 }, String(r.ads)));
    });
    box.appendChild(svg);
  }

  // A small force-directed layout: ads and shared identifiers as nodes, link types as edge styles.
  function graph(svg, g) {
    if (!svg || !g) return;
    const W = 900, H = 480, nodes = g.nodes.map((n, i) => ({ ...n, x: W / 2 + 200 * Math.cos(i), y: H / 2 + 150 * Math.sin(i), vx: 0, vy: 0 }));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const edges = g.edges.filter(e => index.has(e.source) && index.has(e.target)).map(e => ({ ...e, s: index.get(e.source), t: index.get(e.target) }));
    const steps = nodes.length > 400 ? 60 : 200;
    for (let it = 0; it < steps; it++) {
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j]; let dx = a.x - b.x, dy = a.y - b.y; const d2 = dx * dx + dy * dy + 0.01;
        const f = 900 / d2; dx *= f; dy *= f; a.vx += dx; a.vy += dy; b.vx -= dx; b.vy -= dy;
      }
      for (const e of edges) {
        const a = nodes[e.s], b = nodes[e.t]; const dx = b.x - a.x, dy = b.y - a.y;
        a.vx += dx * 0.02; a.vy += dy * 0.02; b.vx -= dx * 0.02; b.vy -= dy * 0.02;
      }
      for (const n of nodes) {
        n.vx += (W / 2 - n.x) * 0.005; n.vy += (H / 2 - n.y) * 0.005;
        n.x = Math.min(W - 10, Math.max(10, n.x + Math.max(-20, Math.min(20, n.vx)))); n.y = Math.min(H - 10, Math.max(10, n.y + Math.max(-20, Math.min(20, n.vy))));
        n.vx *= 0.5; n.vy *= 0.5;
      }
    }
    const style = { identifier: ["#2e7d32", ""], hub: ["#999", "4 3"], near_duplicate: ["#c77700", ""], image: ["#8e24aa", "2 2"] };
    for (const e of edges) {
      const [c, dash] = style[e.type] || ["#666", ""];
      const line = svgEl("line", { x1: nodes[e.s].x, y1: nodes[e.s].y, x2: nodes[e.t].x, y2: nodes[e.t].y, stroke: c, "stroke-width": 1.5, "stroke-dasharray": dash, class: "edge edge-" + e.type });
      line.appendChild(svgEl("title", {}, e.type + (e.value ? ": " + e.value : "")));
      svg.appendChild(line);
    }
    for (const n of nodes) {
      const isAd = n.type === "ad";
      const node = isAd ? svgEl("a", { href: "/ads/" + encodeURIComponent(n.id) }) : svgEl("g", {});
      const c = svgEl("circle", { cx: n.x, cy: n.y, r: isAd ? 6 : 4, fill: isAd ? "#1f5fa8" : n.type === "hub" ? "#999" : "#2e7d32", class: "node node-" + n.type });
      c.appendChild(svgEl("title", {}, n.label));
      node.appendChild(c);
      svg.appendChild(node);
    }
  }

  // Decode TopoJSON arcs (quantised, delta-encoded) into rings of [lon, lat].
  function topoRings(topo, geom) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    const arcs = topo.arcs.map(arc => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
    const ring = idx => idx.flatMap((i, k) => { const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i]; return k ? a.slice(1) : a; });
    if (geom.type === "Polygon") return geom.arcs.map(ring);
    if (geom.type === "MultiPolygon") return geom.arcs.flatMap(p => p.map(ring));
    return [];
  }

  const ALIASES = { "USA": "United States of America", "US": "United States of America", "UK": "United Kingdom", "Czech Republic": "Czechia" };
  function countryOf(place) { const parts = place.split(",").map(s => s.trim()); const c = parts[parts.length - 1]; return ALIASES[c] || c; }

  async function worldMap(svg, places) {
    if (!svg || !places) return;
    const byCountry = {};
    for (const p of places) { const c = countryOf(p.place); const o = byCountry[c] || (byCountry[c] = { ads: 0, risk: 0, high: 0 }); o.ads += p.ads; o.risk += (p.mean_risk || 0) * p.ads; o.high += p.high || 0; }
    const topo = await (await fetch("/static/vendor/countries-110m.json")).json();
    const W = 960, H = 460, proj = ([lon, lat]) => [(lon + 180) * W / 360, (85 - lat) * H / 145];
    const max = Math.max(1, ...Object.values(byCountry).map(o => o.ads));
    for (const geom of topo.objects.countries.geometries) {
      const name = geom.properties.name, o = byCountry[name];
      const d = topoRings(topo, geom).map(r => "M" + r.map(p => proj(p).map(v => v.toFixed(1)).join(",")).join("L") + "Z").join("");
      const shade = o ? `rgba(179,38,30,${0.15 + 0.85 * Math.sqrt(o.ads / max)})` : "#e3e6ea";
      const path = svgEl("path", { d, fill: shade, stroke: "#fff", "stroke-width": 0.5, class: o ? "country active" : "country", "data-name": name });
      path.appendChild(svgEl("title", {}, o ? `${name}: ${o.ads} ads, ${o.high} high risk, mean risk ${(o.risk / o.ads).toFixed(2)}` : name));
      svg.appendChild(path);
    }
  }

  lineChart(document.getElementById("trend-chart"), data("trend-data"));
  barChart(document.getElementById("place-chart"), data("place-data"));
  graph(document.getElementById("graph"), data("graph-data"));
  worldMap(document.getElementById("map"), document.getElementById("map") ? data("place-data") : null);
})();
