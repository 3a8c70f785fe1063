// The view and its filters live in the URL (?view=stories&type=ASSAULT&since=...), so a view can be shared
// and back/forward work: navigate() pushes a new URL, the router re-renders from location on popstate.

export const FILTERS = ["type", "actor", "place", "country", "since", "until", "source_type", "min_origins",
  "disputed", "outlet"];
export const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
export const SOURCE_TYPES = ["person", "organization", "media", "anonymous", "document", "unknown"];

// One colour per PLOVER type, grouped by the quad class (cooperation greens/blues, conflict reds/oranges).
export const COLORS = {
  AGREE: "#1b7837", CONSULT: "#5aae61", SUPPORT: "#a6dba0", CONCEDE: "#4d9221", COOPERATE: "#2166ac",
  AID: "#4393c3", RETREAT: "#92c5de", REQUEST: "#8073ac", ACCUSE: "#e08214", REJECT: "#fdb863",
  THREATEN: "#b35806", PROTEST: "#c51b7d", SANCTION: "#de77ae", MOBILIZE: "#7f3b08", COERCE: "#d6604d",
  ASSAULT: "#b2182b",
};

export function current() {
  return new URLSearchParams(location.search);
}

// Which filters each kind takes (the query layer's table, from /api/filters): a view only sends those, so a
// filter set on the map (source_type) does not make the stories request fail.
let applies = null;
export async function loadFilterTable(get) {
  applies = await get("filters");
}
export function appliesTo(kind) {
  return applies && applies[kind] ? new Set(applies[kind]) : new Set(FILTERS);
}

export function filtersOf(params, { dates = true, kind = null } = {}) {
  const out = new URLSearchParams();
  const ok = kind ? appliesTo(kind) : null;
  for (const k of FILTERS) {
    if (!dates && (k === "since" || k === "until")) continue;
    if (ok && !ok.has(k)) continue;
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  return out;
}

export function url(view, extra = {}, keepFilters = true) {
  const p = keepFilters ? filtersOf(current()) : new URLSearchParams();
  p.set("view", view);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined || v === "") p.delete(k);
    else p.set(k, v);
  }
  return `/?${p.toString()}`;
}

let onChange = () => {};
export function setRouter(fn) {
  onChange = fn;
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  onChange();
}

export function setFilters(changes) {
  const p = current();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") p.delete(k);
    else p.set(k, v);
  }
  navigate(`/?${p.toString()}`);
}
