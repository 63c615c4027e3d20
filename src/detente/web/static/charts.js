/* detente dashboard: DOM helpers, the network layout and the stacked bar chart.
 *
 * Every piece of data reaches the page through textContent or setAttribute, never
 * innerHTML, so a report that contains <script> or HTML shows as text.
 */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
const QUAD_LABELS = {
  verbal_cooperation: "verbal cooperation",
  material_cooperation: "material cooperation",
  verbal_conflict: "verbal conflict",
  material_conflict: "material conflict",
};
const QUAD_COLORS = {
  verbal_cooperation: "#3b82f6",
  material_cooperation: "#16a34a",
  verbal_conflict: "#f87171",
  material_conflict: "#b91c1c",
};

/* h("a", {href: "/x", class: "y"}, "text", child) builds an element; strings become text nodes. */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/* Text split at span boundaries: spans are [start, end) offsets into `text` shifted by `base`.
 * Overlapping spans nest by giving a piece every class that covers it. */
function highlighted(text, base, spans) {
  const frag = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  const inside = [];
  for (const span of spans) {
    const start = Math.max(0, span.start - base);
    const end = Math.min(text.length, span.end - base);
    if (end <= start) continue;
    inside.push({ ...span, start, end });
    cuts.add(start);
    cuts.add(end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = text.slice(start, end);
    const covering = inside.filter((span) => span.start <= start && span.end >= end);
    if (!covering.length) {
      frag.appendChild(document.createTextNode(piece));
      continue;
    }
    const mark = h("mark", {
      class: covering.map((span) => span.cls).join(" "),
      title: covering.map((span) => span.label).join(", "),
    }, piece);
    frag.appendChild(mark);
  }
  return frag;
}

/* A deterministic force-directed layout (Fruchterman-Reingold), run before drawing. */
function layoutNetwork(nodes, edges, width, height, iterations = 300) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    const radius = Math.min(width, height) * (0.25 + 0.15 * ((i * 7) % 5) / 5);
    return { x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle) };
  });
  const links = edges
    .map((edge) => [index.get(edge.source), index.get(edge.target), edge.events || 1])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.75;
  let temperature = width / 8;
  for (let step = 0; step < iterations; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let dist = Math.hypot(dx, dy);
        if (dist < 0.01) { dx = 0.01 * (i - j); dy = 0.01; dist = Math.hypot(dx, dy); }
        const force = (k * k) / dist;
        disp[i].x += (dx / dist) * force; disp[i].y += (dy / dist) * force;
        disp[j].x -= (dx / dist) * force; disp[j].y -= (dy / dist) * force;
      }
    }
    for (const [a, b, weight] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const dist = Math.max(Math.hypot(dx, dy), 0.01);
      const force = ((dist * dist) / k) * (1 + Math.log(weight) / 4);
      disp[a].x -= (dx / dist) * force; disp[a].y -= (dy / dist) * force;
      disp[b].x += (dx / dist) * force; disp[b].y += (dy / dist) * force;
    }
    for (let i = 0; i < n; i++) {
      // a weak pull to the centre keeps unconnected actors on the canvas
      disp[i].x += (width / 2 - pos[i].x) * 0.02 * k;
      disp[i].y += (height / 2 - pos[i].y) * 0.03 * k;
      const len = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      pos[i].x += (disp[i].x / len) * Math.min(len, temperature);
      pos[i].y += (disp[i].y / len) * Math.min(len, temperature);
      pos[i].x = Math.min(width - 40, Math.max(40, pos[i].x));
      pos[i].y = Math.min(height - 44, Math.max(30, pos[i].y));
    }
    temperature = Math.max(temperature * 0.985, 0.5);
  }
  return pos;
}

function edgeColor(edge) {
  const q = edge.quads || {};
  const coop = (q.verbal_cooperation || 0) + (q.material_cooperation || 0);
  const conflict = (q.verbal_conflict || 0) + (q.material_conflict || 0);
  if (coop === 0 && conflict === 0) {
    return (edge.balance || 0) < 0 ? QUAD_COLORS.material_conflict : QUAD_COLORS.verbal_cooperation;
  }
  if (conflict > coop) {
    return (q.material_conflict || 0) >= (q.verbal_conflict || 0)
      ? QUAD_COLORS.material_conflict : QUAD_COLORS.verbal_conflict;
  }
  return (q.material_cooperation || 0) > (q.verbal_cooperation || 0)
    ? QUAD_COLORS.material_cooperation : QUAD_COLORS.verbal_cooperation;
}

/* Draw the actor network; onNode(node) and onEdge(edge) are called on click. */
function networkChart(network, { width = 900, height = 560, onNode, onEdge } = {}) {
  const nodes = network.nodes || [];
  const edges = network.edges || [];
  const svg = s("svg", {
    class: "network", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `network of ${nodes.length} actors and ${edges.length} relations`,
  });
  if (!nodes.length) {
    svg.appendChild(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" },
      "no events yet"));
    return svg;
  }
  const pos = layoutNetwork(nodes, edges, width, height);
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const maxEvents = Math.max(...nodes.map((node) => node.events || 1), 1);
  const maxEdge = Math.max(...edges.map((edge) => edge.events || 1), 1);
  const edgeLayer = s("g", { class: "edges" });
  for (const edge of edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined) continue;
    const line = s("line", {
      x1: pos[a].x.toFixed(1), y1: pos[a].y.toFixed(1), x2: pos[b].x.toFixed(1), y2: pos[b].y.toFixed(1),
      stroke: edgeColor(edge), "stroke-width": (1 + 5 * Math.sqrt((edge.events || 1) / maxEdge)).toFixed(1),
      class: "edge", "data-source": edge.source, "data-target": edge.target,
      onclick: onEdge ? () => onEdge(edge) : null,
    }, s("title", {}, `${edge.source} – ${edge.target}: ${edge.events} events`));
    edgeLayer.appendChild(line);
  }
  const nodeLayer = s("g", { class: "nodes" });
  nodes.forEach((node, i) => {
    const r = 5 + 20 * Math.sqrt((node.events || 1) / maxEvents);
    const group = s("g", {
      class: "node", transform: `translate(${pos[i].x.toFixed(1)},${pos[i].y.toFixed(1)})`,
      "data-id": node.id, tabindex: 0, role: "link",
      onclick: onNode ? () => onNode(node) : null,
      onkeydown: onNode ? (e) => { if (e.key === "Enter") onNode(node); } : null,
    },
    s("title", {}, `${node.name || node.id} (${node.id}): ${node.events} events`),
    s("circle", { r: r.toFixed(1) }),
    s("text", { y: (r + 12).toFixed(1), "text-anchor": "middle" }, node.id));
    nodeLayer.appendChild(group);
  });
  svg.append(edgeLayer, nodeLayer);
  return svg;
}

/* The width of `text` at `size` px in the page's font, in SVG user units (the charts scale
 * with their viewBox, so that is what a label has to fit in). A canvas measures it. */
const measurer = document.createElement("canvas").getContext("2d");
function textWidth(text, size) {
  if (!measurer) return String(text).length * size * 0.62;
  measurer.font = `${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measurer.measureText(String(text)).width * 1.04 + 1;
}

/* `text`, shortened from the end with "…" until it is at most `max` units wide. */
function fitText(text, size, max) {
  if (textWidth(text, size) <= max) return text;
  let keep = text.length;
  while (keep > 1 && textWidth(`${text.slice(0, keep).trimEnd()}…`, size) > max) keep--;
  return `${text.slice(0, keep).trimEnd()}…`;
}

const TICK_SIZE = 10;  /* svg.bars .tick in app.css */
const LABEL_SIZE = 12;  /* svg.roles .label in app.css */

/* Stacked bars: series is [{period, counts: {key: n}}], drawn in the order of `keys`. */
function stackedBars(series, keys, colors, { width = 900, height = 260, labels = {}, onBar } = {}) {
  const svg = s("svg", { class: "bars", viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (!series.length) {
    svg.appendChild(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty" },
      "no dated events"));
    return svg;
  }
  const totals = series.map((row) => keys.reduce((sum, key) => sum + ((row.counts || {})[key] || 0), 0));
  const max = Math.max(...totals, 1);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  // room on the left for the widest count, so that no label runs off the chart (#10)
  const margin = { top: 12, right: 12, bottom: 40, left: Math.max(40, Math.ceil(textWidth(String(top), TICK_SIZE)) + 10) };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const plot = s("g", { transform: `translate(${margin.left},${margin.top})` });
  for (let v = 0; v <= top; v += step) {
    const y = innerH - (v / top) * innerH;
    plot.appendChild(s("line", { x1: 0, x2: innerW, y1: y, y2: y, class: "grid" }));
    plot.appendChild(s("text", { x: -6, y: y + 4, "text-anchor": "end", class: "tick" }, String(v)));
  }
  const band = innerW / series.length;
  const barW = Math.max(1, Math.min(48, band * 0.8));
  const labelW = Math.max(...series.map((row) => textWidth(row.period, TICK_SIZE)));
  const every = Math.ceil(series.length / Math.max(1, Math.floor(innerW / (labelW + 8))));
  series.forEach((row, i) => {
    const x = i * band + (band - barW) / 2;
    let y = innerH;
    const group = s("g", { class: "bar", "data-period": row.period,
      onclick: onBar ? () => onBar(row) : null });
    for (const key of keys) {
      const value = (row.counts || {})[key] || 0;
      if (!value) continue;
      const barH = (value / top) * innerH;
      y -= barH;
      group.appendChild(s("rect", { x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1),
        height: barH.toFixed(1), fill: colors[key] || "#888" },
      s("title", {}, `${row.period}: ${value} ${labels[key] || key}`)));
    }
    plot.appendChild(group);
    if (i % every === 0) {
      // centred under its bar, but kept inside the chart at either end
      const half = textWidth(row.period, TICK_SIZE) / 2;
      const at = Math.min(Math.max(x + barW / 2, half - margin.left), innerW + margin.right - half);
      plot.appendChild(s("text", { x: at.toFixed(1), y: innerH + 16, "text-anchor": "middle",
        class: "tick" }, row.period));
    }
  });
  plot.appendChild(s("line", { x1: 0, x2: innerW, y1: innerH, y2: innerH, class: "axis" }));
  svg.appendChild(plot);
  return svg;
}

function niceStep(max) {
  const raw = max / 5;
  const mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return Math.max(1, m * mag);
  return Math.max(1, 10 * mag);
}

function legend(keys, colors, labels = {}) {
  return h("ul", { class: "legend" }, keys.map((key) =>
    h("li", {}, h("span", { class: "swatch", style: `background:${colors[key]}` }), labels[key] || key)));
}

/* Who acted for an actor: one bar per role from its first to its last event. A role with
 * no name is the actor itself acting in a sector, so it takes `actorName`. */
function rolesTimeline(roles, { width = 900, actorName = null } = {}) {
  const rows = roles.filter((role) => role.first_date);
  if (!rows.length) return h("p", { class: "muted" }, "No dated roles.");
  const rowH = 26;
  const labels = rows.map((role) =>
    [role.name || actorName, role.role || role.sector].filter(Boolean).join(" — ") || "(unnamed)");
  // the left margin fits the longest label, up to 45% of the chart; longer ones are cut
  // short with "…" at the end, so a name is never cut off at the edge (#10)
  const widest = Math.max(...labels.map((label) => textWidth(label, LABEL_SIZE)));
  const margin = { top: 8, right: 16, bottom: 28,
    left: Math.round(Math.min(Math.max(160, widest + 16), width * 0.45)) };
  const height = margin.top + margin.bottom + rows.length * rowH;
  const day = (iso) => Date.parse(iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso);
  let lo = Math.min(...rows.map((role) => day(role.first_date)));
  let hi = Math.max(...rows.map((role) => day(role.last_date || role.first_date)));
  if (hi - lo < 86400000 * 30) { lo -= 86400000 * 15; hi += 86400000 * 15; }
  const innerW = width - margin.left - margin.right;
  const x = (t) => margin.left + ((t - lo) / (hi - lo)) * innerW;
  const svg = s("svg", { class: "bars roles", viewBox: `0 0 ${width} ${height}`, role: "img" });
  rows.forEach((role, i) => {
    const y = margin.top + i * rowH;
    const label = labels[i];
    const x1 = x(day(role.first_date));
    const x2 = Math.max(x(day(role.last_date || role.first_date)), x1 + 4);
    // the whole label and the dates show on hovering the label or the bar
    svg.append(s("g", { class: "role" },
      s("title", {}, `${label}: ${role.first_date} – ${role.last_date || role.first_date}, ${role.n_events} events`),
      s("text", { x: margin.left - 8, y: y + rowH / 2 + 4, "text-anchor": "end", class: "label" },
        fitText(label, LABEL_SIZE, margin.left - 16)),
      s("rect", { x: x1.toFixed(1), y: y + 5, width: (x2 - x1).toFixed(1), height: rowH - 10, rx: 3, fill: "#6366f1" })));
  });
  // the first date starts at the axis' start and the last ends at its end, inside the chart
  for (const [t, anchor] of [[lo, "start"], [(lo + hi) / 2, "middle"], [hi, "end"]]) {
    svg.appendChild(s("text", { x: x(t).toFixed(1), y: height - 8, "text-anchor": anchor, class: "tick" },
      new Date(t).toISOString().slice(0, 10)));
  }
  return svg;
}
