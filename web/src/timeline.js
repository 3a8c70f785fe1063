// The timeline: events per day stacked by type (SVG). Dragging across it (or Shift+arrows on the focused chart)
// selects a date range, which becomes since/until in the URL and so filters the map and the lists.
import { h, s } from "./dom.js";
import { COLORS } from "./state.js";

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);

export function renderTimeline(container, data, { since, until, onBrush }) {
  const days = data.days;
  container.replaceChildren();
  if (!days.length) {
    container.append(h("p", { class: "muted" }, "No dated events for these filters."));
    return;
  }
  const byDay = new Map();
  for (const d of days) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.day)) continue;
    if (!byDay.has(d.day)) byDay.set(d.day, []);
    byDay.get(d.day).push(d);
  }
  const keys = [...byDay.keys()].sort();
  if (!keys.length) return;
  const t0 = Date.parse(keys[0]);
  const t1 = Date.parse(keys[keys.length - 1]) + DAY;
  const W = Math.max(container.clientWidth || 600, 280);
  const H = 110;
  const pad = { l: 30, r: 8, t: 8, b: 20 };
  const x = (t) => pad.l + ((t - t0) / (t1 - t0)) * (W - pad.l - pad.r);
  const tx = (px) => t0 + ((px - pad.l) / (W - pad.l - pad.r)) * (t1 - t0);
  const max = Math.max(...keys.map((k) => byDay.get(k).reduce((a, d) => a + d.n, 0)));
  const y = (n) => (n / max) * (H - pad.t - pad.b);
  const bw = Math.max(1, (W - pad.l - pad.r) / ((t1 - t0) / DAY) - 1);
  const svg = s("svg", { width: W, height: H, role: "img", tabindex: 0, class: "timeline-svg",
    "aria-label": `events per day from ${keys[0]} to ${keys[keys.length - 1]}; drag or Shift+arrows to pick dates` });
  for (const k of keys) {
    let acc = 0;
    const t = Date.parse(k);
    for (const d of byDay.get(k)) {
      const hgt = y(d.n);
      svg.append(s("rect", { x: x(t), y: H - pad.b - acc - hgt, width: bw, height: hgt, fill: COLORS[d.type] || "#666" },
        s("title", {}, `${k} ${d.type}: ${d.n}`)));
      acc += hgt;
    }
  }
  svg.append(s("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, stroke: "#888" }));
  svg.append(s("text", { x: pad.l, y: H - 4, class: "axis" }, keys[0]));
  svg.append(s("text", { x: W - pad.r, y: H - 4, class: "axis", "text-anchor": "end" }, keys[keys.length - 1]));
  svg.append(s("text", { x: 2, y: pad.t + 8, class: "axis" }, String(max)));
  const sel = s("rect", { class: "brush", y: pad.t, height: H - pad.t - pad.b, x: 0, width: 0 });
  svg.append(sel);
  let range = since || until ? [since ? Date.parse(since) : t0, until ? Date.parse(until) + DAY : t1] : null;
  const draw = () => {
    if (!range) { sel.setAttribute("width", 0); return; }
    const a = x(Math.max(range[0], t0));
    const b = x(Math.min(range[1], t1));
    sel.setAttribute("x", Math.min(a, b));
    sel.setAttribute("width", Math.abs(b - a));
  };
  draw();
  let start = null;
  const px = (evt) => evt.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener("pointerdown", (evt) => { start = tx(px(evt)); svg.setPointerCapture(evt.pointerId); });
  svg.addEventListener("pointermove", (evt) => {
    if (start === null) return;
    const t = tx(px(evt));
    range = [Math.min(start, t), Math.max(start, t)];
    draw();
  });
  svg.addEventListener("pointerup", (evt) => {
    if (start === null) return;
    const t = tx(px(evt));
    const a = Math.max(Math.min(start, t), t0);
    const b = Math.min(Math.max(start, t), t1);
    start = null;
    if (b - a < DAY / 2) { range = null; draw(); onBrush(null, null); return; }
    onBrush(iso(a), iso(b - 1));
  });
  svg.addEventListener("keydown", (evt) => {
    if (!evt.shiftKey || !["ArrowLeft", "ArrowRight"].includes(evt.key)) return;
    evt.preventDefault();
    const r = range || [t0, t1];
    const step = evt.key === "ArrowLeft" ? -7 * DAY : 7 * DAY;
    range = evt.altKey ? [Math.min(r[0] + step, r[1] - DAY), r[1]] : [r[0], Math.max(r[1] + step, r[0] + DAY)];
    draw();
    onBrush(iso(Math.max(range[0], t0)), iso(Math.min(range[1], t1) - 1));
  });
  container.append(svg, h("p", { class: "hint" }, range
    ? `Showing ${iso(range[0])} to ${iso(range[1] - 1)} — drag again to change, click once to clear.`
    : "Drag across the timeline to filter by date."));
}
