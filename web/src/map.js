// The map: an offline basemap (Natural Earth country outlines from world-atlas, drawn on canvas), OSM tiles as
// an option, and event markers coloured by PLOVER type in clusters. Clustering is supercluster's (a k-d tree
// built once, then only the clusters in view are drawn), so 10,000 events cost tens of DOM markers, not 10,000.
// A cluster click zooms in (or, when its events share one spot, lists them); an event click opens the event
// with links to its story and to its evidence in the document.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import Supercluster from "supercluster";
import { feature, mesh } from "topojson-client";
import countries from "world-atlas/countries-110m.json";
import { h } from "./dom.js";
import { COLORS, navigate, url } from "./state.js";
import { enc, get } from "./api.js";

let basemapCache = null;
function basemap() {
  if (!basemapCache) {
    basemapCache = {
      land: feature(countries, countries.objects.countries),
      borders: mesh(countries, countries.objects.countries, (a, b) => a !== b),
    };
  }
  return basemapCache;
}

const icons = {};
function icon(type) {
  if (!icons[type]) {
    icons[type] = L.divIcon({ className: `ng-marker t-${type}`, html: "", iconSize: [14, 14] });
  }
  return icons[type];
}

// Clusters take the colour of the commonest type inside them (so a red cluster is mostly ASSAULT).
function clusterIcon(counts, n) {
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 50;
  const div = document.createElement("div");
  div.className = "ng-cluster";
  div.style.background = COLORS[top] || "#555";
  div.textContent = String(n);
  return L.divIcon({ html: div, className: "ng-cluster-wrap", iconSize: [size, size] });
}

export function renderMap(container, params, onSelect) {
  const map = L.map(container, { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 12,
    zoomControl: true, attributionControl: true }).setView([25, 20], 2);
  const canvas = L.canvas({ padding: 0.2 });
  const { land, borders } = basemap();
  L.geoJSON(land, { renderer: canvas, interactive: false,
    style: { color: "#9aa5b1", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 } }).addTo(map);
  L.geoJSON(borders, { renderer: canvas, interactive: false, style: { color: "#9aa5b1", weight: 0.6 } }).addTo(map);
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");
  const osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    { maxZoom: 12, attribution: "© OpenStreetMap contributors" });
  const toggle = L.control({ position: "topright" });
  toggle.onAdd = () => {
    const box = h("input", { type: "checkbox", id: "osm-toggle" });
    box.checked = params.get("tiles") === "osm";
    if (box.checked) osm.addTo(map);
    box.addEventListener("change", () => {
      if (box.checked) osm.addTo(map); else map.removeLayer(osm);
      const p = new URLSearchParams(location.search);
      if (box.checked) p.set("tiles", "osm"); else p.delete("tiles");
      history.replaceState(null, "", `/?${p}`);
    });
    const el = h("label", { class: "map-toggle" }, box, " OSM tiles (online)");
    L.DomEvent.disableClickPropagation(el);
    return el;
  };
  toggle.addTo(map);
  // Resolved places (every mention the gazetteer placed), as small grey dots under the event clusters.
  const placesLayer = L.layerGroup();
  const placesToggle = L.control({ position: "topright" });
  placesToggle.onAdd = () => {
    const box = h("input", { type: "checkbox", id: "places-toggle" });
    box.addEventListener("change", async () => {
      if (!box.checked) { map.removeLayer(placesLayer); return; }
      if (!placesLayer.getLayers().length) {
        const q = new URLSearchParams({ limit: "1000" });
        for (const k of ["country", "place", "since", "until", "document", "outlet"]) if (params.get(k)) q.set(k, params.get(k));
        const data = await get("places", q);
        for (const p of data.items) {
          if (p.lat == null || p.lon == null) continue;
          L.circleMarker([p.lat, p.lon], { renderer: canvas, radius: 3, color: "#44505c", weight: 1, fillOpacity: 0.6 })
            .bindTooltip(`${p.name || p.text}${p.country_code ? ` (${p.country_code})` : ""}`).addTo(placesLayer);
        }
      }
      placesLayer.addTo(map);
      box.parentElement.dataset.count = String(placesLayer.getLayers().length);
    });
    const el = h("label", { class: "map-toggle" }, box, " places");
    L.DomEvent.disableClickPropagation(el);
    return el;
  };
  placesToggle.addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => h("div", { class: "legend", "aria-label": "event types" });
  legend.addTo(map);

  const layer = L.layerGroup().addTo(map);
  const index = new Supercluster({ radius: 50, maxZoom: 11, minPoints: 2,
    map: (props) => ({ counts: { [props.type]: 1 } }),
    reduce: (acc, props) => {
      for (const [t, n] of Object.entries(props.counts)) acc.counts[t] = (acc.counts[t] || 0) + n;
    } });
  let ready = false;
  const draw = () => {
    if (!ready) return;
    const b = map.getBounds();
    const box = [Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())];
    const wide = b.getEast() - b.getWest() >= 360;
    const items = index.getClusters(wide ? [-180, -85, 180, 85] : box, Math.round(map.getZoom()));
    layer.clearLayers();
    for (const it of items) {
      const [lon, lat] = it.geometry.coordinates;
      if (it.properties.cluster) {
        const n = it.properties.point_count;
        const m = L.marker([lat, lon], { icon: clusterIcon(it.properties.counts, n), keyboard: true,
          title: `${n} events`, alt: `cluster of ${n} events` });
        m.on("click", () => openCluster(map, index, m, it, onSelect));
        layer.addLayer(m);
      } else {
        const { type, story, doc, ev } = it.properties;
        const m = L.marker([lat, lon], { icon: icon(type), keyboard: true, title: `${type} — ${doc}`, alt: `${type} event` });
        m.on("click", () => openEvent(map, m, doc, ev, story, onSelect));
        layer.addLayer(m);
      }
    }
  };
  map.on("moveend", draw);

  const p = new URLSearchParams(params);
  const done = get("map", p).then((data) => {
    const present = {};
    const points = data.points.map(([lat, lon, type, story, doc, ev]) => {
      present[type] = (present[type] || 0) + 1;
      return { type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: { type, story, doc, ev } };
    });
    const legendEl = container.querySelector(".legend");
    for (const [t, n] of Object.entries(present).sort((a, b) => b[1] - a[1])) {
      legendEl.append(h("div", {}, h("span", { class: `swatch t-${t}` }), ` ${t} ${n}`));
    }
    index.load(points);
    ready = true;
    if (points.length && points.length < 20) {
      const bounds = L.latLngBounds(points.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
      map.fitBounds(bounds.pad(0.5), { maxZoom: 6, animate: false });
    }
    draw();
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(data))));
  });
  return { map, done };
}

// A cluster: zoom to where it splits; if its events sit on one spot (it never splits), list them instead.
function openCluster(map, index, marker, cluster, onSelect) {
  const id = cluster.properties.cluster_id;
  const zoom = index.getClusterExpansionZoom(id);
  if (zoom <= index.options.maxZoom) {
    map.setView(marker.getLatLng(), zoom);
    return;
  }
  const leaves = index.getLeaves(id, 50);
  const box = h("div", { class: "popup" }, h("p", { class: "meta" }, `${cluster.properties.point_count} events here`),
    h("ol", { class: "leaves" }, leaves.map((f) => {
      const { type, story, doc, ev } = f.properties;
      return h("li", {}, h("span", { class: `badge t-${type}` }, type), " ", doc, " ",
        story ? h("a", { href: url("story", { id: story }), class: "go-story" }, "story") : "", " ",
        h("a", { href: url("document", { id: doc, focus: `event:${ev}` }, false), class: "go-doc" }, "evidence"));
    })));
  // on the map, not the marker: the popup's auto-pan redraws the clusters, which would remove a bound popup
  L.popup({ maxWidth: 320, minWidth: 220 }).setLatLng(marker.getLatLng()).setContent(box).openOn(map);
  box.querySelectorAll("a").forEach((a) => a.addEventListener("click", (evt) => {
    evt.preventDefault();
    navigate(a.getAttribute("href"));
  }));
  if (onSelect) onSelect(null);
}

async function openEvent(map, marker, doc, ev, story, onSelect) {
  const box = h("div", { class: "popup" }, "Loading…");
  // on the map, not the marker: the popup's auto-pan redraws the clusters, which would remove a bound popup
  L.popup({ maxWidth: 320, minWidth: 220 }).setLatLng(marker.getLatLng()).setContent(box).openOn(map);
  try {
    const e = await get(`events/${enc(doc)}/${enc(ev)}`);
    box.replaceChildren(
      h("div", { class: `badge t-${e.type}` }, e.type),
      h("p", { class: "evidence" }, e.actor ? `${e.actor.text} ` : "", h("b", {}, e.trigger.text),
        e.recipient ? ` ${e.recipient.text}` : ""),
      h("p", { class: "meta" }, [e.place_name, e.country_code].filter(Boolean).join(", "), " · ",
        e.date || "undated", " · ", e.outlet || ""),
      e.quantity ? h("p", { class: "meta" }, `figure: ${e.quantity.text}`) : null,
      h("p", {}, e.story_id ? h("a", { href: url("story", { id: e.story_id }), class: "go-story" }, "Story →") : "", " ",
        h("a", { href: url("document", { id: doc, focus: `event:${ev}` }, false), class: "go-doc" }, "Evidence →")),
    );
    if (onSelect) onSelect(e);
  } catch (err) {
    box.replaceChildren(`Could not load the event: ${err.message}`);
  }
  box.querySelectorAll("a").forEach((a) => a.addEventListener("click", (evt) => {
    evt.preventDefault();
    navigate(a.getAttribute("href"));
  }));
}
