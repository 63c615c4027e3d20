/* detente dashboard: one small page script per route, each drawing from the JSON API.
 * Depends on charts.js (h, s, highlighted, networkChart, stackedBars, legend, QUAD_*).
 */
"use strict";

const main = () => document.getElementById("main");

/* Replace the page's content; null and false children are left out (replaceChildren
 * would print them as text). */
function render(...children) {
  const node = main();
  node.replaceChildren();
  append(node, children);
}
const PAGE_SIZE = 50;

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = `/api/${path}${query.toString() ? "?" + query : ""}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (err) { body = null; }
  if (!response.ok) {
    const error = new Error((body && body.error) || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

const enc = encodeURIComponent;
const actorHref = (code) => `/actors/${enc(code)}`;
const dyadHref = (a, b) => `/dyads/${enc(a)}/${enc(b)}`;
const eventHref = (id) => `/events/${enc(id)}`;
const documentHref = (id) => `/documents/${enc(id)}`;

function setTitle(...parts) {
  document.title = [...parts.filter(Boolean), "detente"].join(" · ");
}

function section(title, ...children) {
  return h("section", { class: "card" }, title ? h("h2", {}, title) : null, ...children);
}

function quadBadge(quad) {
  return h("span", { class: `badge quad-${quad}`, title: QUAD_LABELS[quad] || quad },
    QUAD_LABELS[quad] || quad || "—");
}

function actorLabel(actor) {
  if (!actor) return h("span", { class: "muted" }, "—");
  const label = actor.name || actor.text || actor.code || "?";
  const title = [actor.code, actor.sector, actor.role].filter(Boolean).join(" · ") || "unresolved";
  if (actor.code) {
    return h("a", { href: actorHref(actor.code), class: "actor", title }, label,
      h("span", { class: "code" }, actor.code));
  }
  return h("span", { class: "actor unresolved", title }, label);
}

function eventsTable(events, { showDoc = false, compact = false } = {}) {
  if (!events.length) return h("p", { class: "muted" }, "No events.");
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {},
      ["date", "source", "event", "target", "class"].map((c) => h("th", {}, c)),
      compact ? null : [h("th", {}, "place"), h("th", {}, "conf.")],
      showDoc ? h("th", {}, "document") : null)),
    h("tbody", {}, events.map((event) => h("tr", { "data-id": event.id },
      h("td", { class: "nowrap" }, event.date || (event.day
        ? h("span", { class: "muted", title: "no date in the text: the report's date" }, event.day)
        : h("span", { class: "muted" }, "undated"))),
      h("td", {}, actorLabel(event.source)),
      h("td", {}, h("a", { href: eventHref(event.id), class: "event-link" },
        event.type + (event.mode ? ` (${event.mode})` : "")),
        event.modality && event.modality !== "asserted"
          ? h("span", { class: "modality" }, event.modality) : null),
      h("td", {}, actorLabel(event.target)),
      h("td", {}, quadBadge(event.quad)),
      compact ? null : [h("td", {}, event.place ? event.place.name : ""),
        h("td", { class: "num" }, Number(event.confidence).toFixed(2))],
      showDoc ? h("td", {}, h("a", { href: documentHref(event.doc_id) }, event.doc_id)) : null))));
}

function pager(page, onPage) {
  const { total, limit, offset } = page;
  const first = total ? offset + 1 : 0;
  const last = Math.min(offset + limit, total);
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) },
      "‹ previous"),
    h("span", { class: "count" }, `${first}–${last} of ${total.toLocaleString()}`),
    h("button", { type: "button", disabled: last >= total, onclick: () => onPage(offset + limit) },
      "next ›"));
}

/* A list of events under some fixed filters, with paging, that redraws itself. */
function pagedEvents(filters, { showDoc = false } = {}) {
  const box = h("div", { class: "paged" }, h("p", { class: "muted" }, "Loading…"));
  const load = async (offset) => {
    try {
      const page = await api("events", { ...filters, limit: PAGE_SIZE, offset });
      box.replaceChildren(pager(page, load), eventsTable(page.events, { showDoc }));
    } catch (err) {
      box.replaceChildren(errorBox(err));
    }
  };
  load(0);
  return box;
}

function errorBox(err) {
  return h("div", { class: "error", role: "alert" }, err.status === 404 ? "Not found: " : "Error: ",
    err.message);
}

/* ---------- pages ---------- */

async function overviewPage() {
  setTitle("Overview");
  const [brief, network, actors, recent] = await Promise.all([
    api("brief").catch(() => null),
    api("network", { limit: 60 }),
    api("actors", { limit: 15 }),
    api("events", { limit: 10 }),
  ]);
  const chart = networkChart(network, {
    onNode: (node) => { location.href = actorHref(node.id); },
    onEdge: (edge) => { location.href = dyadHref(edge.source, edge.target); },
  });
  const edgeKeys = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  render(
    h("h1", {}, "Overview"),
    brief && brief.text ? section("Brief", ...briefParagraphs(brief)) : null,
    section("Actor network",
      h("p", { class: "muted" }, "Nodes are sized by activity; edges are coloured by the main kind of ",
        "relation. Click an actor to open it, or a line to open the dyad."),
      legend(edgeKeys, QUAD_COLORS, QUAD_LABELS), chart),
    h("div", { class: "columns wide-right" },
      section("Most active actors", actorsTable(actors.actors)),
      section(`Latest events (${recent.total.toLocaleString()} in all)`,
        eventsTable(recent.events, { compact: true }),
        h("p", {}, h("a", { href: "/events" }, "All events ›")))));
}

/* The brief's first lines, and the rest behind a "more" toggle. */
function briefParagraphs(brief) {
  const lines = String(brief.text).split(/\n+/).filter((line) => line.trim());
  const para = (line) => h("p", { class: "brief" }, line);
  const head = lines.slice(0, 6).map(para);
  if (lines.length <= 6) return head;
  return [...head, h("details", {}, h("summary", {}, `${lines.length - 6} more lines`), lines.slice(6).map(para))];
}

function actorsTable(actors) {
  if (!actors.length) return h("p", { class: "muted" }, "No actors.");
  return h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", {}, "kind"),
    h("th", { class: "num" }, "events"))),
  h("tbody", {}, actors.map((actor) => h("tr", {},
    h("td", {}, h("a", { href: actorHref(actor.code) }, actor.name || actor.code),
      h("span", { class: "code" }, actor.code)),
    h("td", {}, actor.kind || ""),
    h("td", { class: "num" }, String(actor.n_events))))));
}

async function actorsPage() {
  setTitle("Actors");
  const params = new URLSearchParams(location.search);
  const page = await api("actors", { limit: 500, q: params.get("q") });
  render(h("h1", {}, "Actors"),
    section(`${page.total.toLocaleString()} actors`, actorsTable(page.actors)));
}

async function actorPage(code) {
  const actor = await api(`actors/${enc(code)}`, { recent: 15 });
  setTitle(actor.name || actor.code);
  const span = actor.first_date ? `${actor.first_date} – ${actor.last_date}` : null;
  render(
    h("h1", {}, actor.name || actor.code, h("span", { class: "code big" }, actor.code)),
    h("p", { class: "muted" }, [actor.kind, (actor.sectors || []).join(", "),
      `${actor.n_events.toLocaleString()} events (${actor.n_as_source} as source, ${actor.n_as_target} as target)`,
      span].filter(Boolean).join(" · ")),
    section("Roles over time", h("p", { class: "muted" }, "Who acted for this actor, and in which role, from the first to the last event."),
      rolesTimeline(actor.roles || [], { actorName: actor.name || actor.code })),
    h("div", { class: "columns" },
      section("Partners", counterparts(actor.code, actor.partners || [])),
      section("Opponents", counterparts(actor.code, actor.opponents || []))),
    section("Recent events", eventsTable(actor.recent_events || []),
      h("p", {}, h("a", { href: `/events?actor=${enc(actor.code)}` }, "All events of this actor ›"))));
}

function counterparts(code, rows) {
  if (!rows.length) return h("p", { class: "muted" }, "None.");
  return h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", { class: "num" }, "coop."),
    h("th", { class: "num" }, "conflict"), h("th", {}, ""))),
  h("tbody", {}, rows.map((row) => h("tr", {},
    h("td", {}, h("a", { href: dyadHref(code, row.code), class: "dyad-link" }, row.name || row.code),
      h("span", { class: "code" }, row.code)),
    h("td", { class: "num" }, String(row.cooperative)),
    h("td", { class: "num" }, String(row.conflictual)),
    h("td", {}, balanceBar(row.cooperative, row.conflictual))))));
}

function balanceBar(coop, conflict) {
  const total = coop + conflict || 1;
  return h("span", { class: "quadbar", title: `${coop} cooperative, ${conflict} conflictual` },
    coop ? h("span", { style: `width:${((100 * coop) / total).toFixed(1)}%;background:${QUAD_COLORS.material_cooperation}` }) : null,
    conflict ? h("span", { style: `width:${((100 * conflict) / total).toFixed(1)}%;background:${QUAD_COLORS.material_conflict}` }) : null);
}

function quadBar(quads) {
  const total = QUADS.reduce((sum, q) => sum + (quads[q] || 0), 0) || 1;
  return h("span", { class: "quadbar", title: QUADS.map((q) => `${QUAD_LABELS[q]}: ${quads[q] || 0}`).join("\n") },
    QUADS.filter((q) => quads[q]).map((q) => h("span", {
      style: `width:${((100 * quads[q]) / total).toFixed(1)}%;background:${QUAD_COLORS[q]}`,
    })));
}

async function dyadPage(a, b) {
  const params = new URLSearchParams(location.search);
  const period = params.get("period") || "month";
  const dyad = await api(`dyads/${enc(a)}/${enc(b)}`, { period });
  setTitle(`${dyad.a} – ${dyad.b}`);
  const names = dyad.names || {};
  const both = (dyad.totals || {}).both || { types: {}, cooperative: 0, conflictual: 0 };
  const series = ((dyad.directions || {}).both || []).map((row) => ({ period: row.period, counts: row.quads }));
  const types = Object.entries(both.types || {}).sort((x, y) => y[1] - x[1]);
  const other = period === "year" ? "month" : "year";
  render(
    h("h1", {}, h("a", { href: actorHref(dyad.a) }, names[dyad.a] || dyad.a), " – ",
      h("a", { href: actorHref(dyad.b) }, names[dyad.b] || dyad.b)),
    h("p", { class: "muted" }, `${both.cooperative} cooperative and ${both.conflictual} conflictual events`,
      both.balance != null ? `, balance ${Number(both.balance).toFixed(2)}` : "", ` · by ${dyad.period} · `,
      h("a", { href: `?period=${other}` }, `by ${other}`)),
    section("Relationship over time", legend(QUADS, QUAD_COLORS, QUAD_LABELS),
      stackedBars(series, QUADS, QUAD_COLORS, { labels: QUAD_LABELS })),
    types.length ? section("Event types", h("p", { class: "types" }, types.map(([type, n]) =>
      h("span", { class: "chip" }, `${type} ${n}`)))) : null,
    section("Events", pagedEvents({ dyad: `${dyad.a},${dyad.b}` })));
}

/* [name, label, placeholder]: a placeholder says "e.g." or gives a format, and app.css draws
 * it light and in italics, so that an empty field never looks filled in (#10). */
const FILTERS = [
  ["actor", "actor", "e.g. TUR"], ["dyad", "dyad", "e.g. TUR,IRN"], ["type", "type", "e.g. CONSULT"],
  ["quad", "class", ""], ["since", "since", "YYYY-MM-DD"], ["until", "until", "YYYY-MM-DD"],
  ["place", "place", "e.g. Ankara"], ["text", "text", "any words"], ["min_confidence", "min. conf.", "e.g. 0.5"],
];

async function eventsPage() {
  setTitle("Events");
  const params = new URLSearchParams(location.search);
  const form = h("form", { class: "filters", method: "get", action: "/events" },
    FILTERS.map(([name, label, placeholder]) => h("label", {}, label,
      name === "quad"
        ? h("select", { name }, h("option", { value: "" }, "any"),
          QUADS.map((q) => h("option", { value: q, selected: params.get(name) === q }, QUAD_LABELS[q])))
        : h("input", { name, placeholder, value: params.get(name) || "",
          type: name === "min_confidence" ? "number" : "text", step: name === "min_confidence" ? "0.05" : null,
          min: name === "min_confidence" ? "0" : null, max: name === "min_confidence" ? "1" : null }))),
    h("button", { type: "submit" }, "Filter"),
    h("a", { href: "/events", class: "reset" }, "reset"));
  form.addEventListener("submit", (e) => {
    // drop empty fields so the address stays short and shareable
    e.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (String(value).trim()) query.set(key, String(value).trim());
    location.search = query.toString();
  });
  const filters = {};
  for (const [name] of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  render(h("h1", {}, "Events"), section(null, form),
    section(null, pagedEvents(filters, { showDoc: true })));
}

async function eventPage(id) {
  const detail = await api(`events/${enc(id)}`);
  const event = detail.event;
  const doc = detail.document;
  setTitle(`${event.type}`, event.source && (event.source.name || event.source.text));
  const spans = [
    event.source && { start: event.source.span[0], end: event.source.span[1], cls: "src", label: "source" },
    event.target && { start: event.target.span[0], end: event.target.span[1], cls: "tgt", label: "target" },
    event.trigger && { start: event.trigger.span[0], end: event.trigger.span[1], cls: "trg", label: "trigger" },
  ].filter(Boolean);
  const evidence = evidenceBlock(event, doc, spans);
  const place = event.place
    ? [event.place.name, event.place.country, event.place.lat != null ? `${event.place.lat}, ${event.place.lon}` : null]
      .filter(Boolean).join(" · ")
    : null;
  const dateText = event.date
    ? `${event.date} (${event.date_precision}${event.date_text ? `, “${event.date_text}”` : ""})`
    : `unresolved${event.date_text ? ` (“${event.date_text}”)` : ""}`;
  const rows = [
    ["type", `${event.type}${event.mode ? ` · ${event.mode}` : ""}`],
    ["class", quadBadge(event.quad)],
    ["source", actorDetail(event.source)],
    ["target", actorDetail(event.target)],
    ["trigger", event.trigger ? event.trigger.text : "—"],
    ["date", dateText],
    ["place", place || "—"],
    ["modality", event.modality],
    ["contexts", (event.contexts || []).join(", ") || "—"],
    ["confidence", Number(event.confidence).toFixed(2)],
    ["rule", h("code", {}, event.rule || "—")],
    ["document", doc ? h("a", { href: documentHref(doc.id) }, doc.title || doc.id) : event.doc_id],
  ];
  render(
    h("h1", {}, actorLabel(event.source), h("span", { class: "verb" }, ` ${event.type} `), actorLabel(event.target)),
    section("Evidence", h("ul", { class: "legend" },
      h("li", {}, h("mark", { class: "src" }, "source")), h("li", {}, h("mark", { class: "tgt" }, "target")),
      h("li", {}, h("mark", { class: "trg" }, "trigger"))), evidence),
    section("Event", h("table", { class: "facts" }, h("tbody", {},
      rows.map(([key, value]) => h("tr", {}, h("th", {}, key), h("td", {}, value)))))),
    doc && doc.text ? section(doc.title || doc.id,
      h("p", { class: "muted" }, [doc.published, doc.source, doc.url].filter(Boolean).join(" · ")),
      documentBlock(doc, event, spans)) : null,
    h("p", {}, h("a", { href: `/api/events/${enc(event.id)}` }, "JSON")));
}

/* The sentence that states the event, with source, target and trigger marked. */
function evidenceBlock(event, doc, spans) {
  const bounds = trimmed(doc, sentenceBounds(event, doc, spans));
  if (bounds) {
    return h("blockquote", { class: "evidence", "data-start": bounds[0], "data-end": bounds[1] },
      highlighted(doc.text.slice(bounds[0], bounds[1]), bounds[0], spans));
  }
  return h("blockquote", { class: "evidence" }, event.evidence || "");
}

/* Sentence bounds without the blank lines and spaces around the sentence. */
function trimmed(doc, bounds) {
  if (!bounds) return null;
  let [start, end] = bounds;
  while (start < end && /\s/.test(doc.text[start])) start++;
  while (end > start && /\s/.test(doc.text[end - 1])) end--;
  return [start, end];
}

function sentenceBounds(event, doc, spans) {
  if (!doc || !doc.text) return null;
  const sentence = (doc.sentences || []).find((sent) => sent.index === event.sentence);
  if (sentence) return [sentence.start, sentence.end];
  if (event.evidence) {
    // the evidence string occurs nearest to the trigger
    const anchor = spans.length ? spans[spans.length - 1].start : 0;
    let best = -1;
    for (let at = doc.text.indexOf(event.evidence); at >= 0; at = doc.text.indexOf(event.evidence, at + 1)) {
      if (best < 0 || Math.abs(at - anchor) < Math.abs(best - anchor)) best = at;
    }
    if (best >= 0) return [best, best + event.evidence.length];
  }
  if (!spans.length) return null;
  return [Math.max(0, Math.min(...spans.map((x) => x.start)) - 80),
    Math.min(doc.text.length, Math.max(...spans.map((x) => x.end)) + 80)];
}

function documentBlock(doc, event, spans) {
  const bounds = trimmed(doc, sentenceBounds(event, doc, spans));
  const all = bounds ? [{ start: bounds[0], end: bounds[1], cls: "sentence", label: "evidence sentence" }, ...spans] : spans;
  return h("div", { class: "doctext" }, highlighted(doc.text, 0, all));
}

function actorDetail(actor) {
  if (!actor) return "—";
  return h("span", {}, actorLabel(actor),
    h("span", { class: "muted" }, " ", [actor.sector, actor.role, actor.kind].filter(Boolean).join(" · "),
      actor.text && actor.text !== actor.name ? ` — “${actor.text}”` : ""));
}

async function documentsPage() {
  setTitle("Documents");
  const box = h("div", {});
  const load = async (offset) => {
    const page = await api("documents", { limit: PAGE_SIZE, offset });
    box.replaceChildren(pager(page, load), page.documents.length ? h("table", {},
      h("thead", {}, h("tr", {}, ["published", "title", "events", "source"].map((c) => h("th", {}, c)))),
      h("tbody", {}, page.documents.map((doc) => h("tr", {},
        h("td", { class: "nowrap" }, doc.published || ""),
        h("td", {}, h("a", { href: documentHref(doc.id) }, doc.title || doc.id)),
        h("td", { class: "num" }, doc.n_events == null ? "" : String(doc.n_events)),
        h("td", { class: "muted" }, doc.source || doc.url || ""))))) : h("p", { class: "muted" }, "No documents."));
  };
  render(h("h1", {}, "Documents"), section(null, box));
  await load(0);
}

async function documentPage(id) {
  const doc = await api(`documents/${enc(id)}`);
  setTitle(doc.title || doc.id);
  render(h("h1", {}, doc.title || doc.id),
    h("p", { class: "muted" }, [doc.id, doc.published, doc.source, doc.url].filter(Boolean).join(" · ")),
    section("Text", h("div", { class: "doctext" }, doc.text || "")),
    section("Events", eventsTable(doc.events || [])));
}

async function searchPage() {
  const q = new URLSearchParams(location.search).get("q") || "";
  setTitle(`Search ${q}`);
  if (!q.trim()) { render(h("h1", {}, "Search"), h("p", {}, "Type words in the box above.")); return; }
  const result = await api("search", { q, limit: 20 });
  render(h("h1", {}, "Search: ", h("q", {}, q)),
    section("Actors", actorsTable(result.actors || [])),
    section("Documents", (result.documents || []).length ? h("ul", {}, result.documents.map((doc) =>
      h("li", {}, h("a", { href: documentHref(doc.id) }, doc.title || doc.id)))) : h("p", { class: "muted" }, "None.")),
    section("Events", eventsTable(result.events || [])));
}

/* ---------- routing ---------- */

const ROUTES = [
  [/^\/$/, overviewPage],
  [/^\/actors\/?$/, actorsPage],
  [/^\/actors\/([^/]+)$/, actorPage],
  [/^\/dyads\/([^/]+)\/([^/]+)$/, dyadPage],
  [/^\/events\/?$/, eventsPage],
  [/^\/events\/([^/]+)$/, eventPage],
  [/^\/documents\/?$/, documentsPage],
  [/^\/documents\/([^/]+)$/, documentPage],
  [/^\/search\/?$/, searchPage],
];

async function route() {
  const path = location.pathname;
  for (const link of document.querySelectorAll("nav a[data-nav]")) {
    const target = link.getAttribute("href");
    link.classList.toggle("active", target === "/" ? path === "/" : path.startsWith(target));
  }
  const searchBox = document.querySelector("form.search input");
  if (searchBox) searchBox.value = path === "/search" ? new URLSearchParams(location.search).get("q") || "" : "";
  for (const [pattern, page] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    try {
      await page(...match.slice(1).map(decodeURIComponent));
    } catch (err) {
      render(errorBox(err));
    }
    document.body.dataset.ready = "1";
    return;
  }
  render(errorBox({ status: 404, message: path }));
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", route);
