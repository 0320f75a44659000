// limech mechanism map: entities in columns by category, causal links as curves coloured
// by sign and dashed when the evidence is a hypothesis or a proposed concept (rank <= 2).
"use strict";

const COLUMNS = [
  ["Strategies", ["Strategy", "FerroelectricStrategy", "ArtificialSEIStrategy", "ElectrolyteStrategy",
                  "SeparatorStrategy", "SolidElectrolyteStrategy", "StructuredAnodeStrategy"]],
  ["Materials & species", ["Material", "Ferroelectric", "Electrolyte", "SolidElectrolyte", "Polymer",
                           "ElectrodeMaterial", "ChemicalSpecies", "Anion", "Cation", "Solvent", "Additive",
                           "SEIComponent", "InorganicSEIComponent", "OrganicSEIComponent"]],
  ["Processes", ["Process", "ChemicalProcess", "ElectrochemicalProcess", "TransportProcess",
                 "MechanicalProcess", "ActiveLithiumConsumingProcess"]],
  ["Structures & states", ["Structure", "Interphase", "State"]],
  ["Quantities", ["PhysicalQuantity"]],
  ["Failure outcomes", ["FailureOutcome"]],
];
const NODE_W = 170, NODE_H = 16, ROW = 19, COL_W = 250, TOP = 30;
const svg = document.getElementById("map");
const state = { query: null, entities: new Map(), links: [], verdicts: {}, pos: new Map(), linkEls: new Map(), nodeEls: new Map() };

function el(name, attrs, parent) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}
function esc(s) { return String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])); }
function shortId(iri) { return iri.replace("https://w3id.org/limech/", ""); }
function getJSON(url) { return requestJSON(url); }  // steps.js: problem+json detail in the Error
function column(entity) {
  // the first column any of the entity's categories belongs to; strategies win over materials
  for (let i = 0; i < COLUMNS.length; i++) if (entity.categories.some(c => COLUMNS[i][1].includes(c))) return i;
  return 3;
}

function draw() {
  const cols = COLUMNS.map(() => []);
  const linked = new Set(state.links.flatMap(l => [l.cause, l.effect]));
  for (const e of state.entities.values()) if (linked.has(e.iri)) cols[column(e)].push(e);
  cols.forEach(c => c.sort((a, b) => a.label.localeCompare(b.label)));
  const height = TOP + ROW * Math.max(...cols.map(c => c.length)) + 20;
  svg.setAttribute("width", COL_W * COLUMNS.length + 40);
  svg.setAttribute("height", height);
  const gLinks = el("g", {}, svg), gNodes = el("g", {}, svg);
  cols.forEach((c, i) => {
    const x = 20 + i * COL_W;
    el("text", { x, y: 16, class: "col-title" }, gNodes).textContent = COLUMNS[i][0];
    c.forEach((e, j) => {
      const y = TOP + j * ROW;
      state.pos.set(e.iri, { x, y });
      const g = el("g", { class: "node", "data-iri": e.iri }, gNodes);
      el("rect", { x, y, width: NODE_W, height: NODE_H }, g);
      const t = el("text", { x: x + 4, y: y + 12 }, g);
      t.textContent = e.label.length > 30 ? e.label.slice(0, 29) + "…" : e.label;
      el("title", {}, g).textContent = e.label + (e.synonyms.length ? " (" + e.synonyms.join("; ") + ")" : "");
      state.nodeEls.set(e.iri, g);
    });
  });
  for (const l of state.links) {
    const a = state.pos.get(l.cause), b = state.pos.get(l.effect);
    if (!a || !b) continue;
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const d = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
    const cls = `link ${l.polarity > 0 ? "pos" : "neg"}${l.evidence.rank <= 2 ? " weak" : ""}`;
    const p = el("path", { d, class: cls, "data-link": shortId(l.iri) }, gLinks);
    el("title", {}, p).textContent = `${l.cause_label} —${l.sign}→ ${l.effect_label} (${l.evidence.label})`;
    p.addEventListener("click", () => showLink(l));
    state.linkEls.set(l.iri, p);
  }
}

function showLink(l) {
  const src = l.provenance.map(p => `${esc(shortId(p.document))} §${esc(p.section)}${p.figure ? ", " + esc(p.figure) : ""}${p.doi ? ` (doi:${esc(p.doi)})` : ""}`).join("; ");
  const laws = l.laws.length ? l.laws.map(shortId).join(", ") : "none";
  const verdicts = (state.verdicts[l.iri] || []).map(v =>
    `${esc(v.check_label || shortId(v.check))}: <b>${esc(v.verdict)}</b>${v.condition ? " — " + esc(v.condition) : ""}`
  ).join("<br>") || "not checked";
  document.getElementById("detail-body").innerHTML = `
    <p><b>${esc(l.cause_label)}</b> ${esc(l.sign)} <b>${esc(l.effect_label)}</b></p>
    <p>${esc(l.mechanism)}</p>
    <blockquote>“${esc(l.quote)}”</blockquote>
    <p>source: ${src}${l.cited_references.length ? "; refs " + l.cited_references.join(", ") : ""}</p>
    <p>evidence: ${esc(l.evidence.label)}${l.conditions.length ? "<br>conditions: " + l.conditions.map(esc).join("; ") : ""}</p>
    <p>law: ${esc(laws)}</p><p>check verdict: ${verdicts}</p>
    <p><a href="/links/${esc(shortId(l.iri))}">${esc(shortId(l.iri))}</a></p>`;
  document.getElementById("detail").hidden = false;
}

function highlight(linkIris) {
  const on = new Set(linkIris);
  for (const [iri, p] of state.linkEls) {
    p.classList.toggle("hit", on.has(iri));
    p.classList.toggle("dim", on.size > 0 && !on.has(iri));
  }
  const nodes = new Set(state.links.filter(l => on.has(l.iri)).flatMap(l => [l.cause, l.effect]));
  for (const [iri, g] of state.nodeEls) g.classList.toggle("hit", nodes.has(iri));
}

async function findPaths(ev) {
  ev.preventDefault();
  state.query = new URLSearchParams({ from: from.value, to: to.value, max_length: maxlen.value });
  document.getElementById("paths").hidden = false;
  document.getElementById("paths-body").textContent = "searching…";
  await showPaths();
}

async function showPaths() {
  // the paths of the last search, each with its annotated steps (laws, verdicts, check buttons)
  const body = document.getElementById("paths-body"), query = state.query;
  try {
    const res = await getJSON("/effects?" + query);
    if (query !== state.query) return;  // a newer search (or refresh) owns the list now
    body.innerHTML = `<p class="net">net effect of ${esc(res.source_label)} on ${esc(res.target_label)}: ` +
      `${esc(res.net)}, decided by ${esc(res.decided_by)} (${res.increasing} increasing, ${res.decreasing} decreasing path(s))</p>`;
    const linksOf = p => p.steps.flatMap(s => s.links);
    res.paths.forEach(p => {
      const div = document.createElement("div");
      div.className = "path " + (p.sign > 0 ? "pos" : "neg");
      div.innerHTML = esc(p.labels.join(" → ")) + `<br><small>${esc(p.effect)} · weakest evidence: ${esc(p.evidence.label)}</small>` +
        stepsHTML(p);
      div.addEventListener("click", ev => { if (!ev.target.closest("a, button")) highlight(linksOf(p)); });
      body.appendChild(div);
    });
    highlight(res.paths.flatMap(linksOf));
  } catch (e) {
    if (query === state.query) body.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

async function afterCheck() {
  // a check finished: its verdicts show on the steps, the link details and the checks panel
  const [verdicts] = await Promise.all([getJSON("/verdicts"), showPaths(), loadChecks()]);
  state.verdicts = verdicts;
}

async function loadChecks() {
  try {
    const jobs = await getJSON("/checks");
    const done = jobs.filter(j => j.status === "done");
    if (!done.length) return;
    document.getElementById("checks-body").innerHTML = done.map(j => `
      <div class="path"><b>${esc(j.chain)}</b>: ${esc(j.verdict)}
      ${(j.figures || []).map(f => `<figure><img src="${esc(f)}" alt="figure of ${esc(j.chain)}"></figure>`).join("")}</div>`).join("");
  } catch (e) {  // the map works without the checks resource, but says why the list is missing
    document.getElementById("checks-body").innerHTML = `<span class="error">check jobs: ${esc(e.message)}</span>`;
  }
}

async function main() {
  const [entities, links, verdicts] = await Promise.all([getJSON("/entities"), getJSON("/links"), getJSON("/verdicts")]);
  state.verdicts = verdicts;
  entities.forEach(e => state.entities.set(e.iri, e));
  state.links = links;
  const names = document.getElementById("entity-names");
  for (const e of entities) { const o = document.createElement("option"); o.value = e.label; names.appendChild(o); }
  draw();
  document.getElementById("status").textContent = `${links.length} causal links between ${state.pos.size} entities. Click a link for its quote and source.`;
  document.getElementById("pathfinder").addEventListener("submit", findPaths);
  document.getElementById("paths-body").addEventListener("click", ev => onStepClick(ev, afterCheck));
  loadChecks();
  loadChainIds().catch(() => { /* chain ids then follow the check_<id> naming of the check IRIs */ });
}
main().catch(e => { document.getElementById("status").innerHTML = `<span class="error">${esc(e.message)}</span>`; });
