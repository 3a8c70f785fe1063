// A claim's chain of sources as a small left-to-right graph: outlet → intermediate sources → the speaker.
// Node colour is the source type; the edge into a node carries that source's stance.
import { s } from "./dom.js";

const TYPE_COLORS = { media: "#2166ac", person: "#1b7837", organization: "#762a83", anonymous: "#b35806",
  document: "#4d4d4d", unknown: "#888888" };

export function chainGraph(chain) {
  const nodeW = 150;
  const gap = 46;
  const W = chain.length * nodeW + (chain.length - 1) * gap + 4;
  const H = 64;
  const svg = s("svg", { class: "chain", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `chain of sources: ${chain.map((n) => `${n.text} (${n.type || "unknown"})`).join(" → ")}` });
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6,
    markerHeight: 6, orient: "auto-start-reverse" }, s("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }))));
  chain.forEach((n, i) => {
    const x = 2 + i * (nodeW + gap);
    const color = TYPE_COLORS[n.type] || TYPE_COLORS.unknown;
    const label = n.text.length > 22 ? `${n.text.slice(0, 21)}…` : n.text;
    svg.append(s("g", { class: `node role-${n.role}` },
      s("rect", { x, y: 8, width: nodeW, height: 34, rx: 6, fill: "#fff", stroke: color, "stroke-width": 2 }),
      s("text", { x: x + nodeW / 2, y: 24, "text-anchor": "middle", class: "node-text" }, label),
      s("text", { x: x + nodeW / 2, y: 37, "text-anchor": "middle", class: "node-type", fill: color },
        `${n.role === "outlet" ? "outlet" : n.type || "unknown"}`),
      s("title", {}, `${n.role}: ${n.text} (${n.type || "unknown"})${n.stance ? `, stance ${n.stance}` : ""}`)));
    if (i > 0) {
      const x0 = x - gap + 2;
      svg.append(s("line", { x1: x0, y1: 25, x2: x - 2, y2: 25, stroke: "#555", "stroke-width": 1.5,
        "marker-end": "url(#arrow)" }));
      if (n.stance) svg.append(s("text", { x: x0 + gap / 2 - 2, y: 56, "text-anchor": "middle", class: "edge" }, n.stance));
    }
  });
  return svg;
}
