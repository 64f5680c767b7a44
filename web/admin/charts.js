// Inline SVG charts of the dashboard: the campaign timeline (one line per funnel step) and the heat grid of unmet
// demand around the stores. No library: a few dozen elements each.
import { h, svg } from "/app/dom.js";

export const SERIES = [
  { key: "sends", color: "#4e79a7" },
  { key: "opens", color: "#f28e2b" },
  { key: "claims", color: "#59a14f" },
  { key: "orders", color: "#e15759" },
];

function niceMax(v) {
  if (v <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return v;
}

/** Per-day lines of sends, opens, claims and orders; words = i18n dictionary. */
export function timelineChart(days, words) {
  const W = 720, H = 260, L = 48, R = 12, T = 14, B = 34;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": words.timeline, id: "timeline-svg" });
  if (!days.length) {
    root.appendChild(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted" }, words.noData));
    return root;
  }
  const max = niceMax(Math.max(1, ...days.flatMap((d) => SERIES.map((s) => d[s.key]))));
  const x = (i) => L + (days.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (days.length - 1));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid" }));
    root.appendChild(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, Math.round(v)));
  }
  const every = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) root.appendChild(svg("text", { x: x(i), y: H - 12, "text-anchor": "middle", class: "tick" }, d.day.slice(5)));
  });
  for (const s of SERIES) {
    const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d[s.key]).toFixed(1)}`).join(" ");
    root.appendChild(svg("polyline", { points, fill: "none", stroke: s.color, "stroke-width": 2, "data-series": s.key }));
    days.forEach((d, i) => root.appendChild(svg("circle", { cx: x(i), cy: y(d[s.key]), r: 2.5, fill: s.color }, svg("title", {}, `${d.day} ${words[s.key]}: ${d[s.key]}`))));
  }
  return root;
}

/** Heat colour from pale yellow to deep red by share of the busiest cell. */
function heat(share) {
  const s = Math.max(0, Math.min(1, share));
  const hue = 50 - 50 * s;
  const light = 88 - 48 * s;
  return `hsl(${hue.toFixed(0)}, 90%, ${light.toFixed(0)}%)`;
}

/** Grid of ~1 km cells coloured by requests, with the stores as points; onStore(storeId) when one is clicked. */
export function heatGrid(grid, words, onStore, selected) {
  const step = grid.stepDegrees;
  const pts = [...grid.cells.map((c) => [c.lat, c.lng]), ...grid.stores.map((s) => [s.lat, s.lng])];
  const root = svg("svg", { class: "chart heat", role: "img", "aria-label": words.heat, id: "heat-svg" });
  if (!pts.length) {
    root.setAttribute("viewBox", "0 0 400 80");
    root.appendChild(svg("text", { x: 200, y: 40, "text-anchor": "middle", class: "muted" }, words.noData));
    return root;
  }
  const minLat = Math.min(...pts.map((p) => p[0])) - step, maxLat = Math.max(...pts.map((p) => p[0])) + step;
  const minLng = Math.min(...pts.map((p) => p[1])) - step, maxLng = Math.max(...pts.map((p) => p[1])) + step;
  const S = 18; // pixels per cell
  const cols = Math.round((maxLng - minLng) / step) + 1, rows = Math.round((maxLat - minLat) / step) + 1;
  root.setAttribute("viewBox", `0 0 ${cols * S} ${rows * S}`);
  const px = (lng) => Math.round(((lng - minLng) / step) * S * 10) / 10;
  const py = (lat) => Math.round(((maxLat - lat) / step) * S * 10) / 10;
  const top = Math.max(1, ...grid.cells.map((c) => c.count));
  root.appendChild(svg("rect", { x: 0, y: 0, width: cols * S, height: rows * S, class: "heat-bg" }));
  for (const c of grid.cells) {
    root.appendChild(svg("rect", { x: px(c.lng) - S / 2, y: py(c.lat) - S / 2, width: S, height: S, fill: heat(c.count / top), "data-count": c.count, class: "cell" },
      svg("title", {}, `${c.lat.toFixed(2)}, ${c.lng.toFixed(2)}: ${words.requestsIn(c.count)}`)));
  }
  // labels and dots keep their size on screen whatever the plane's extent (two stores next door or 1,000 across a
  // country): sizes are in viewBox units scaled by how many units one screen pixel is; with many stores only the
  // selected one is labelled (every dot keeps its name as a tooltip and for screen readers)
  const screen = Math.max(280, Math.min(640, (globalThis.innerWidth || 1280) - 64));
  const k = Math.max(cols, rows) * S / screen;
  const many = grid.stores.length > 25;
  const r = Math.max(2.5, 6 - 1.2 * Math.log10(Math.max(1, grid.stores.length))) * k;
  for (const s of grid.stores) {
    const label = !many || selected === s.storeId;
    const g = svg("g", { class: `store${selected === s.storeId ? " selected" : ""}`, "data-store": s.storeId, tabindex: 0, role: "button", "aria-label": s.name,
      onclick: () => onStore(s.storeId), onkeydown: (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onStore(s.storeId)) });
    g.appendChild(svg("circle", { cx: px(s.lng), cy: py(s.lat), r: r.toFixed(2), "stroke-width": (1.5 * k).toFixed(2) }));
    if (label) g.appendChild(svg("text", { x: px(s.lng) + r + 2 * k, y: py(s.lat) - r, class: "store-label", "font-size": (11 * k).toFixed(2), "stroke-width": (3 * k).toFixed(2) }, s.name));
    g.appendChild(svg("title", {}, s.name));
    root.appendChild(g);
  }
  return root;
}

/** The heat grid's legend: the colour ramp from few to many requests, and what a dot is. */
export function heatLegend(words, top) {
  return h("ul", { class: "heat-legend", id: "heat-legend" },
    h("li", {}, words.legendFew, h("span", { class: "ramp", "aria-hidden": "true" }), words.legendMany(top)),
    h("li", {}, h("span", { class: "dot", "aria-hidden": "true" }), words.legendStore));
}
