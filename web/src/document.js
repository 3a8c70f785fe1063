// The document view: the text with every stored layer highlighted from its offsets. Overlapping spans are cut
// into pieces at every boundary; each piece knows all the fields covering it (its title names them on hover).
// Segments other than body and headline are greyed. ?focus=event:v1 | attr:a2 | place:0 marks one record.
import { h } from "./dom.js";

function layerSpans(doc) {
  const spans = [];
  const add = (start, end, cls, label, key) => {
    if (typeof start === "number" && typeof end === "number" && end > start) spans.push({ start, end, cls, label, key });
  };
  (doc.segments || []).forEach((sg) => {
    if (sg.kind !== "body" && sg.kind !== "headline") add(sg.start, sg.end, `seg seg-${sg.kind}`, `segment: ${sg.kind}`, null);
  });
  (doc.entities || []).forEach((e, i) => add(e.start, e.end, "ent", `entity ${e.label}: ${e.canonical}`, `entity:${i}`));
  (doc.places || []).forEach((p, i) => add(p.start, p.end, "plc",
    `place: ${p.name || p.text}${p.country_code ? ` (${p.country_code})` : ""}${p.lat != null ? ` ${p.lat.toFixed(2)},${p.lon.toFixed(2)}` : ""}`,
    `place:${i}`));
  (doc.times || []).forEach((t, i) => add(t.start, t.end, "tim", `time ${t.type}: ${t.value}`, `time:${i}`));
  (doc.attributions || []).forEach((a) => {
    const key = `attr:${a.id}`;
    if (a.source) add(a.source.start, a.source.end, "att-src", `attribution ${a.id} source (${a.source.type})`, key);
    if (a.cue) add(a.cue.start, a.cue.end, "att-cue", `attribution ${a.id} cue, stance ${a.stance}`, key);
    if (a.content) add(a.content.start, a.content.end, "att-content", `attribution ${a.id} content`, key);
  });
  (doc.events || []).forEach((e) => {
    const key = `event:${e.id}`;
    add(e.trigger.start, e.trigger.end, `ev-trigger t-${e.type}`, `event ${e.id} ${e.type} trigger`, key);
    if (e.actor) add(e.actor.start, e.actor.end, "ev-actor", `event ${e.id} actor`, key);
    if (e.recipient) add(e.recipient.start, e.recipient.end, "ev-recipient", `event ${e.id} recipient`, key);
    if (e.sentence) add(e.sentence.start, e.sentence.end, "ev-sentence", `event ${e.id} sentence`, `${key}:sentence`);
  });
  return spans;
}

export function renderText(doc, focus) {
  const text = doc.text || "";
  const spans = layerSpans(doc);
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(Math.min(sp.start, text.length));
    cuts.add(Math.min(sp.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map();
  for (const sp of spans) {
    if (!starts.has(sp.start)) starts.set(sp.start, []);
    starts.get(sp.start).push(sp);
  }
  const pre = h("div", { class: "doctext", id: "doctext" });
  let open = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    open = open.filter((sp) => sp.end > a).concat(starts.get(a) || []);
    const piece = text.slice(a, b);
    if (!open.length) {
      pre.append(document.createTextNode(piece));
      continue;
    }
    const classes = new Set();
    const labels = [];
    let focused = false;
    for (const sp of open) {
      sp.cls.split(" ").forEach((c) => classes.add(c));
      labels.push(sp.label);
      if (focus && (sp.key === focus) && !sp.cls.startsWith("ev-sentence")) focused = true;
      if (focus && sp.key === `${focus}:sentence`) classes.add("focus-sentence");
    }
    if (focused) classes.add("focus");
    const el = h("span", { class: [...classes].join(" "), title: labels.join("\n"), "data-fields": labels.join("; ") });
    el.textContent = piece;
    pre.append(el);
  }
  return pre;
}

export function layerLists(doc, focusHref) {
  const items = [];
  for (const e of doc.events || []) {
    items.push(h("li", {}, h("a", { href: focusHref(`event:${e.id}`), class: `badge t-${e.type}` }, e.type), " ",
      e.actor ? `${e.actor.text} ` : "", h("b", {}, e.trigger.text), e.recipient ? ` ${e.recipient.text}` : "",
      e.date ? ` · ${e.date}` : "", e.quantity ? ` · ${e.quantity.text}` : "",
      e.story_id ? [" · ", h("a", { href: `/?view=story&id=${encodeURIComponent(e.story_id)}` }, "story")] : ""));
  }
  const atts = (doc.attributions || []).map((a) => h("li", {},
    h("a", { href: focusHref(`attr:${a.id}`) }, a.source ? a.source.text : "(no source)"),
    ` (${a.source ? a.source.type : "—"}, ${a.stance}) `, a.cue ? h("i", {}, a.cue.text) : "", ": ",
    (a.content.text || "").slice(0, 140)));
  const places = (doc.places || []).map((p, i) => h("li", {}, h("a", { href: focusHref(`place:${i}`) }, p.text), " → ",
    p.name || "unresolved", p.country_code ? ` (${p.country_code})` : ""));
  const times = (doc.times || []).map((t, i) => h("li", {}, h("a", { href: focusHref(`time:${i}`) }, t.text), ` → ${t.value}`));
  return h("div", { class: "layers" },
    h("h3", {}, `Events (${items.length})`), h("ul", {}, items),
    h("h3", {}, `Attributions (${atts.length})`), h("ul", {}, atts),
    h("h3", {}, `Places (${places.length})`), h("ul", {}, places),
    h("h3", {}, `Times (${times.length})`), h("ul", {}, times));
}
