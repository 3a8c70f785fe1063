// The single-page UI: a router over ?view=..., the filter bar, and one render function per view.
import "./style.css";
import { append, h, clear } from "./dom.js";
import { enc, get } from "./api.js";
import { appliesTo, current, filtersOf, loadFilterTable, navigate, setFilters, setRouter, url, SOURCE_TYPES,
  TYPES } from "./state.js";
import { renderMap } from "./map.js";
import { renderTimeline } from "./timeline.js";
import { layerLists, renderText } from "./document.js";
import { chainGraph } from "./chain.js";

const main = document.getElementById("main");
const status = document.getElementById("status");
let mapHandle = null;
let renderSeq = 0;

function say(msg) {
  status.textContent = msg;
}

// Native append() would print "null" for the optional sections; ours skips them.
function put(...nodes) {
  append(main, nodes);
}

function link(href, text, attrs = {}) {
  return h("a", { href, ...attrs }, text);
}

// Internal links navigate without a reload (pushState), so back/forward replay views from the URL.
document.addEventListener("click", (evt) => {
  const a = evt.target.closest && evt.target.closest("a[href^='/?']");
  if (!a || evt.ctrlKey || evt.metaKey || evt.shiftKey || evt.button !== 0) return;
  evt.preventDefault();
  navigate(a.getAttribute("href"));
});

const VIEW_KIND = { map: "events", stories: "stories", claims: "claims", documents: "documents" };

function filterBar(params, view) {
  const form = document.getElementById("filters");
  clear(form);
  const kind = VIEW_KIND[view];
  form.hidden = !kind;
  if (!kind) return;
  const ok = appliesTo(kind);
  const field = (name, label, el) => (ok.has(name) ? h("label", { class: "f" }, h("span", {}, label), el) : null);
  const val = (k) => params.get(k) || "";
  const sel = (name, options, allLabel) => {
    const el = h("select", { name, id: `f-${name}` }, h("option", { value: "" }, allLabel),
      options.map((o) => h("option", { value: o }, o)));
    el.value = val(name);
    return el;
  };
  const inp = (name, type, extra = {}) => h("input", { name, id: `f-${name}`, type, value: val(name), ...extra });
  const disputed = h("select", { name: "disputed", id: "f-disputed" }, h("option", { value: "" }, "any"),
    h("option", { value: "true" }, "disputed"), h("option", { value: "false" }, "undisputed"));
  disputed.value = val("disputed");
  append(form, [
    field("type", "Type", sel("type", TYPES, "all types")),
    field("actor", "Actor", inp("actor", "text", { placeholder: "e.g. army", maxlength: 200 })),
    field("place", "Place", inp("place", "text", { placeholder: "e.g. Kharkiv", maxlength: 200 })),
    field("since", "From", inp("since", "date")),
    field("until", "To", inp("until", "date")),
    field("source_type", "Source type", sel("source_type", SOURCE_TYPES, "any source")),
    field("min_origins", "Min. origins", inp("min_origins", "number", { min: 0, max: 100, step: 1 })),
    field("disputed", "Disputed", disputed),
    h("button", { type: "submit" }, "Apply"),
    h("button", { type: "button", class: "secondary", onclick: () => {
      const p = current();
      const keep = new URLSearchParams();
      for (const k of ["view", "id"]) if (p.get(k)) keep.set(k, p.get(k));
      navigate(`/?${keep}`);
    } }, "Clear"),
  ]);
  form.onsubmit = (evt) => {
    evt.preventDefault();
    const changes = {};
    for (const el of form.elements) if (el.name) changes[el.name] = el.value.trim();
    setFilters(changes);
  };
  for (const el of form.querySelectorAll("select")) el.addEventListener("change", () => form.requestSubmit());
}

function pager(total, params, view) {
  const limit = Number(params.get("limit") || 50);
  const offset = Number(params.get("offset") || 0);
  const p = (o) => {
    const q = new URLSearchParams(params);
    q.set("offset", String(o));
    return `/?${q}`;
  };
  return h("nav", { class: "pager", "aria-label": `${view} pages` },
    `${total ? offset + 1 : 0}–${Math.min(offset + limit, total)} of ${total} `,
    offset > 0 ? link(p(Math.max(0, offset - limit)), "← previous") : null, " ",
    offset + limit < total ? link(p(offset + limit), "next →") : null);
}

function listParams(params, kind) {
  const q = filtersOf(params, { kind });
  q.set("limit", params.get("limit") || "50");
  q.set("offset", params.get("offset") || "0");
  return q;
}

function badge(type) {
  return h("span", { class: `badge t-${type}` }, type);
}

async function viewMap(params, seq) {
  const wrap = h("div", { class: "mapview" },
    h("section", { class: "mapcol" }, h("div", { id: "map", role: "region", "aria-label": "map of events" }),
      h("div", { id: "timeline", role: "region", "aria-label": "timeline" })),
    h("aside", { class: "side", id: "side", "aria-label": "events" }, h("h2", {}, "Events"), h("div", { id: "evlist" })));
  put(wrap);
  const f = filtersOf(params, { kind: "events" });
  if (params.get("document")) f.set("document", params.get("document"));
  if (params.get("story")) f.set("story", params.get("story"));
  mapHandle = renderMap(document.getElementById("map"), f);
  const t0 = performance.now();
  mapHandle.done.then((data) => {
    if (seq !== renderSeq) return;
    performance.mark("ng-map-painted");
    window.__ngMapPainted = { points: data.total, ms: performance.now() };
    say(`${data.total} event${data.total === 1 ? "" : "s"} on the map (${Math.round(performance.now() - t0)} ms)`);
  }).catch((err) => say(`map: ${err.message}`));
  const tf = filtersOf(params, { dates: false, kind: "events" });
  get("timeline", tf).then((data) => {
    if (seq !== renderSeq) return;
    renderTimeline(document.getElementById("timeline"), data, {
      since: params.get("since"), until: params.get("until"),
      onBrush: (since, until) => setFilters({ since, until, offset: null }),
    });
  }).catch((err) => say(`timeline: ${err.message}`));
  const lp = listParams(params, "events");
  lp.set("limit", "30");
  if (params.get("document")) lp.set("document", params.get("document"));
  const evs = await get("events", lp);
  if (seq !== renderSeq) return;
  const list = document.getElementById("evlist");
  list.append(h("p", { class: "muted" }, `${evs.total} event${evs.total === 1 ? "" : "s"} match`),
    h("ol", { class: "events" }, evs.items.map((e) => h("li", {},
      badge(e.type), " ", e.actor ? `${e.actor.text} ` : "", h("b", {}, e.trigger.text),
      e.recipient ? ` ${e.recipient.text}` : "",
      h("div", { class: "meta" }, [e.place_name, e.date, e.outlet].filter(Boolean).join(" · "), " · ",
        e.story_id ? [link(url("story", { id: e.story_id }), "story"), " · "] : "",
        link(url("document", { id: e.document_id, focus: `event:${e.id}` }, false), "evidence"))))));
}

function storyTitle(st) {
  const who = [st.actor, st.recipient].filter(Boolean).join(" → ");
  return `${who || st.type}${st.place_name ? `, ${st.place_name}` : ""}`;
}

async function viewStories(params, seq) {
  const data = await get("stories", listParams(params, "stories"));
  if (seq !== renderSeq) return;
  put(h("h1", {}, "Stories"), h("p", { class: "muted" },
    "One row per real-world event: the reports of it, how many outlets, and how many independent origins."),
  h("table", { class: "grid stories" },
    h("thead", {}, h("tr", {}, ["Story", "Type", "Where", "Dates", "Reports", "Outlets", "Origins", ""]
      .map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.items.map((st) => h("tr", {},
      h("td", {}, link(url("story", { id: st.id }), storyTitle(st), { class: "story-link" })),
      h("td", {}, badge(st.type)), h("td", {}, [st.place_name, st.country_code].filter(Boolean).join(", ")),
      h("td", {}, st.date_start === st.date_end ? st.date_start || "" : `${st.date_start} – ${st.date_end}`),
      h("td", { class: "num" }, st.reports), h("td", { class: "num" }, st.outlets),
      h("td", { class: "num" }, st.origins), h("td", {}, st.disputed ? h("span", { class: "flag" }, "disputed") : ""))))),
  pager(data.total, params, "stories"));
}

async function viewStory(params, seq) {
  const id = params.get("id");
  const st = await get(`stories/${enc(id)}`);
  if (seq !== renderSeq) return;
  const first = st.reports[0];
  const figures = Object.entries(st.figures);
  put(
    h("p", {}, link(url("stories"), "← all stories")),
    h("h1", {}, first.title || id),
    h("p", { class: "meta" }, st.types.map(badge), ` ${st.reports.length} reports · ${st.outlets.length} outlets · `,
      h("b", {}, `${st.origins} independent origin${st.origins === 1 ? "" : "s"}`),
      first.place_name ? ` · ${first.place_name}` : "", first.date ? ` · ${first.date}` : ""),
    st.disputes.length ? h("section", { class: "disputes" }, h("h2", {}, "Disputes"),
      st.disputes.map((d) => h("div", { class: "side-by-side" },
        d.values.map((v) => h("div", { class: "col" }, h("h3", {}, `${v}${d.unit === "stance" ? "" : ` ${d.unit}`}`),
          h("ul", {}, d.reports.filter((r) => r.value === v).map((r) =>
            h("li", {}, link(url("document", { id: r.document_id }, false), r.outlet || r.document_id),
              r.text ? ` — “${r.text}”` : "")))))))) : null,
    figures.length ? h("section", {}, h("h2", {}, "Figures per outlet"), h("table", { class: "grid" },
      h("tbody", {}, figures.flatMap(([unit, xs]) => xs.map((x) => h("tr", {}, h("td", {}, x.outlet || ""),
        h("td", { class: "num" }, String(x.value)), h("td", {}, unit))))))) : null,
    h("section", {}, h("h2", {}, "Reports"), h("ol", { class: "reports" }, st.reports.map((r) => h("li", {},
      h("b", {}, r.outlet || "(unknown outlet)"), ` · ${r.published || ""} · `,
      link(url("document", { id: r.document_id, focus: `event:${r.id}` }, false), r.title || r.document_id,
        { class: "report-link" }),
      h("div", { class: "evidence" }, r.actor ? `${r.actor.text} ` : "", h("b", {}, r.trigger.text),
        r.recipient ? ` ${r.recipient.text}` : "", r.quantity ? ` — ${r.quantity.text}` : ""))))),
    st.claims.length ? h("section", {}, h("h2", {}, "What the sources say"), h("ul", {}, st.claims.map((c) => h("li", {},
      h("b", {}, c.source || "(unnamed)"), ` (${c.source_type}, ${c.stance}) via ${c.outlet || "?"}: `,
      link(url("claim", { id: c.claim_id }), c.content || "")))) ) : null,
  );
}

function claimCard(c) {
  return h("article", { class: "claim" },
    h("p", { class: "content" }, "“", c.content || "", "”"),
    h("div", { class: "chainbox" }, chainGraph(c.chain)),
    h("p", { class: "meta" }, `source: ${c.source.text || "(unnamed)"} (${c.source.type || "unknown"}) · stance `,
      h("b", {}, c.stance), ` · corroboration ${c.corroboration} · ${c.outlets} outlet(s) · original source: `,
      `${c.original_source.text} (${c.original_source.type || "unknown"})`, c.disputed ? " · " : "",
      c.disputed ? h("span", { class: "flag" }, "disputed") : ""),
    h("p", {}, link(url("claim", { id: c.id }), "All reports →", { class: "claim-link" }), " ",
      link(url("document", { id: c.document_id, focus: `attr:${c.attribution}` }, false), "Evidence →",
        { class: "claim-evidence" })));
}

async function viewClaims(params, seq) {
  const data = await get("claims", listParams(params, "claims"));
  if (seq !== renderSeq) return;
  put(h("h1", {}, "Claims"), h("p", { class: "muted" },
    "Who says what, through whom: each claim with its chain of sources and how many independent origins back it."),
  h("div", { class: "claims" }, data.items.map(claimCard)), pager(data.total, params, "claims"));
}

async function viewClaim(params, seq) {
  const c = await get(`claims/${enc(params.get("id"))}`);
  if (seq !== renderSeq) return;
  put(h("p", {}, link(url("claims"), "← all claims")), h("h1", {}, "“", c.content || "", "”"),
    h("p", { class: "meta" }, `corroboration ${c.corroboration} · outlets: ${c.outlets.join(", ")} · stances: `,
      c.stances.join(", "), ` · original source: ${c.original_source.text}`,
      c.disputed ? h("span", { class: "flag" }, " disputed") : ""),
    h("h2", {}, `Reports (${c.reports.length})`),
    h("div", { class: "claims" }, c.reports.map((r) => h("article", { class: "claim" },
      h("p", { class: "meta" }, h("b", {}, r.outlet || ""), ` · ${r.published || ""} · `, r.title || ""),
      h("div", { class: "chainbox" }, chainGraph(r.chain)),
      h("p", {}, `${r.source.text || "(unnamed)"} `, h("i", {}, r.cue || ""), `: ${r.content || ""} `,
        link(url("document", { id: r.document_id, focus: `attr:${r.attribution}` }, false), "Evidence →",
          { class: "claim-evidence" }))))));
}

async function viewDocuments(params, seq) {
  const data = await get("documents", listParams(params, "documents"));
  if (seq !== renderSeq) return;
  put(h("h1", {}, "Documents"), h("table", { class: "grid" },
    h("thead", {}, h("tr", {}, ["Title", "Outlet", "Published", "Events", "Attributions"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, data.items.map((d) => h("tr", {},
      h("td", {}, link(url("document", { id: d.id }, false), d.title || d.id)), h("td", {}, d.outlet || ""),
      h("td", {}, d.published || ""), h("td", { class: "num" }, d.n_events), h("td", { class: "num" }, d.n_attributions))))),
  pager(data.total, params, "documents"));
}

async function viewDocument(params, seq) {
  const id = params.get("id");
  const focus = params.get("focus");
  const doc = await get(`documents/${enc(id)}`);
  if (seq !== renderSeq) return;
  const focusHref = (key) => url("document", { id, focus: key }, false);
  const legend = h("p", { class: "legend-inline" }, "Highlights: ",
    h("span", { class: "ent" }, "entity"), " ", h("span", { class: "plc" }, "place"), " ",
    h("span", { class: "tim" }, "time"), " ", h("span", { class: "att-src" }, "source"), " ",
    h("span", { class: "att-cue" }, "cue"), " ", h("span", { class: "att-content" }, "attributed content"), " ",
    h("span", { class: "ev-trigger" }, "event trigger"), " ", h("span", { class: "seg" }, "byline / caption / boilerplate"),
    " — hover a highlight to see its field.");
  put(h("div", { class: "docview" },
    h("article", {}, h("h1", {}, doc.title || id),
      h("p", { class: "meta" }, [doc.outlet, doc.published, doc.language].filter(Boolean).join(" · "),
        doc.url ? [" · ", h("a", { href: doc.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source page")] : ""),
      legend, renderText(doc, focus)),
    h("aside", { class: "side" }, layerLists(doc, focusHref))));
  const f = main.querySelector(".focus");
  if (f) f.scrollIntoView({ block: "center" });
}

async function viewSearch(params, seq) {
  const q = params.get("q") || "";
  const sp = new URLSearchParams({ q, limit: "30", offset: params.get("offset") || "0" });
  const data = await get("search", sp);
  if (seq !== renderSeq) return;
  const snippet = (text) => {
    // \x02 ... \x03 mark the matched words; split on them and build <mark> nodes (never HTML).
    const out = [];
    String(text || "").split("\x02").forEach((part, i) => {
      if (i === 0) { out.push(part); return; }
      const [hit, ...rest] = part.split("\x03");
      out.push(h("mark", {}, hit), rest.join(""));
    });
    return out;
  };
  put(h("h1", {}, `Search: ${q}`), h("p", { class: "muted" }, `${data.total} hits`),
    h("ol", { class: "hits" }, data.items.map((r) => h("li", {},
      h("span", { class: "badge" }, r.kind), " ",
      link(url("document", { id: r.document_id, focus: r.attribution ? `attr:${r.attribution}` : null }, false),
        r.title || r.document_id), h("div", { class: "snippet" }, snippet(r.snippet))))));
}

const VIEWS = { map: viewMap, stories: viewStories, story: viewStory, claims: viewClaims, claim: viewClaim,
  documents: viewDocuments, document: viewDocument, search: viewSearch };

async function render() {
  const seq = ++renderSeq;
  document.body.dataset.ready = "";
  const params = current();
  const view = VIEWS[params.get("view")] ? params.get("view") : "map";
  if (mapHandle) { mapHandle.map.remove(); mapHandle = null; }
  clear(main);
  document.body.dataset.view = view;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    const on = a.dataset.view === view || a.dataset.view === `${view}s`;
    if (on) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    a.setAttribute("href", url(a.dataset.view));
  }
  filterBar(params, view);
  document.getElementById("q").value = params.get("q") || "";
  document.title = `newsgraph — ${view}`;
  say("");
  try {
    await VIEWS[view](params, seq);
    if (seq === renderSeq) document.body.dataset.ready = view;
  } catch (err) {
    if (seq !== renderSeq) return;
    put(h("div", { class: "error", role: "alert" }, err.status === 404 ? "Not found: " : "Could not load: ", err.message));
    document.body.dataset.ready = "error";
  }
}

document.getElementById("search").addEventListener("submit", (evt) => {
  evt.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) navigate(url("search", { q }, false));
});
window.addEventListener("popstate", render);
setRouter(render);
loadFilterTable(get).catch(() => {}).finally(render);
