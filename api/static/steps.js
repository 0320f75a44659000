// limech mechanism map, the steps of a found path: the laws quantifying each step (a click opens
// the law's name, result formula and source from /laws/{id}), the newest simulation verdict of
// each check that ran it, and a "check" button for the checkable chains that have not simulated
// it yet (POST /checks, poll GET /checks/{job id}, then the page re-asks /effects).
// Loaded before map.js, which calls stepsHTML() and onStepClick() and passes refresh().
"use strict";

const POLL_MS = 250;
const VERDICT_CLASS = { "supported": "supported", "not supported": "not-supported",
                        "condition-dependent": "condition-dependent" };
const steps = {
  laws: new Map(),      // law id -> /laws/{id} answer (or a pending promise)
  chainIds: new Map(),  // check IRI -> chain id, from /checks/chains
  jobs: new Map(),      // chain id -> { busy, text, error }: survives re-rendering the path list
};

async function requestJSON(url, init) {
  // the JSON answer, or an Error naming the status and the problem+json detail
  const r = await fetch(url, init);
  const text = await r.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (_) { /* not JSON: reported below */ }
  if (!r.ok) {
    const d = body && body.detail;
    const why = typeof d === "string" ? d : d ? JSON.stringify(d) : text.slice(0, 300) || r.statusText;
    throw new Error(`${r.status} ${(body && body.title) || r.statusText}: ${why}`);
  }
  if (body === null) throw new Error(`${url} answered ${r.status} without JSON`);
  return body;
}

async function loadChainIds() {
  // check IRIs in verdicts -> chain ids; without the list, the IRI naming convention check_<id>
  const chains = await requestJSON("/checks/chains");
  for (const c of chains) steps.chainIds.set(c.iri, c.id);
}
function chainId(checkIri) {
  return steps.chainIds.get(checkIri) || checkIri.replace(/^.*[/#]/, "").replace(/^check_/, "");
}

function verdictHTML(v) {
  const id = chainId(v.check);
  const cls = VERDICT_CLASS[v.verdict] || "unknown";
  const tip = `${v.check_label || id}: ${v.verdict}${v.condition ? " — " + v.condition : ""}`;
  return `<div class="sim" data-check="${esc(id)}"><span class="check-id">${esc(id)}</span> ` +
    `<span class="verdict ${cls}" title="${esc(tip)}">${esc(v.verdict)}</span>` +
    (v.condition ? `<span class="cond" title="${esc(v.condition)}">${esc(v.condition)}</span>` : "") + "</div>";
}

function jobHTML(id) {
  const j = steps.jobs.get(id);
  const cls = j && j.error ? "job error" : "job";
  return `<span class="${cls}" data-chain="${esc(id)}" role="status" aria-live="polite">${esc(j ? j.text : "")}</span>`;
}

function stepsHTML(path) {
  // one row per step that has a law, a verdict or a check; plain steps are named in the path line
  const rows = path.steps.map((s, i) => {
    const done = new Set(s.simulation.map(v => chainId(v.check)));
    const todo = s.checkable.filter(c => !done.has(c));
    if (!s.laws.length && !s.simulation.length && !todo.length) return "";
    const laws = s.laws.map(id =>
      `<a class="law" href="/laws/${encodeURIComponent(id)}" data-law="${esc(id)}" aria-expanded="false">${esc(id)}</a>`).join(" ");
    const buttons = todo.map(id => {
      const busy = steps.jobs.get(id)?.busy;
      return `<button type="button" class="check" data-chain="${esc(id)}"${busy ? " disabled" : ""} ` +
        `title="simulate this step with the checkable chain ${esc(id)} (POST /checks)">` +
        `${busy ? "running…" : "check " + esc(id)}</button>${jobHTML(id)}`;
    }).join(" ");
    return `<li class="step"><span class="step-name">step ${i + 1}: ${esc(s.cause_label)} → ${esc(s.effect_label)} ` +
      `(${esc(s.sign)})</span>` +
      (laws ? `<div class="laws">law: ${laws}</div>` : "") +
      s.simulation.map(verdictHTML).join("") +
      (buttons ? `<div class="todo">${buttons}</div>` : "") +
      `<div class="law-panel" hidden></div></li>`;
  }).join("");
  return rows ? `<ol class="steps">${rows}</ol>` : "";
}

async function getLaw(id) {
  if (!steps.laws.has(id)) {
    const p = requestJSON("/laws/" + encodeURIComponent(id));
    steps.laws.set(id, p);
    p.catch(() => steps.laws.delete(id));  // a failed fetch is shown, and tried again on the next click
  }
  return steps.laws.get(id);
}

async function toggleLaw(a) {
  const panel = a.closest("li.step").querySelector(".law-panel");
  const id = a.dataset.law;
  if (!panel.hidden && panel.dataset.law === id) {
    panel.hidden = true;
    a.setAttribute("aria-expanded", "false");
    return;
  }
  a.closest("li.step").querySelectorAll("a.law").forEach(x => x.setAttribute("aria-expanded", String(x === a)));
  panel.dataset.law = id;
  panel.hidden = false;
  panel.textContent = `loading law ${id}…`;
  try {
    const law = await getLaw(id);
    const forms = Object.values(law.outputs || {}).map(f => `<code>${esc(f.text)}</code>`).join("<br>");
    panel.innerHTML = `<b>${esc(law.label)}</b> <small>(${esc(law.id)})</small><br>${forms || "no result formula"}` +
      `<br><small>source: ${esc(law.source)} · <a href="/laws/${encodeURIComponent(id)}" target="_blank">derivation (JSON)</a></small>`;
  } catch (e) {
    panel.innerHTML = `<span class="error">law ${esc(id)}: ${esc(e.message)}</span>`;
  }
}

function showJob(id, job) {
  // the job state on every button and status line of this chain in the path list
  steps.jobs.set(id, job);
  document.querySelectorAll("#paths-body button.check").forEach(b => {
    if (b.dataset.chain !== id) return;
    b.disabled = job.busy;
    b.textContent = job.busy ? "running…" : "check " + id;
  });
  document.querySelectorAll("#paths-body .job").forEach(s => {
    if (s.dataset.chain !== id) return;
    s.textContent = job.text;
    s.classList.toggle("error", !!job.error);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function runCheck(id, refresh) {
  if (steps.jobs.get(id)?.busy) return;
  showJob(id, { busy: true, text: "starting…" });
  try {
    let job = await requestJSON("/checks", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ chain: id }) });
    while (job.status === "queued" || job.status === "running") {
      const pr = job.progress && job.progress.total ? ` ${job.progress.done}/${job.progress.total}` : "";
      showJob(id, { busy: true, text: `job ${job.id} ${job.status}${pr}` });
      await sleep(POLL_MS);
      job = await requestJSON("/checks/" + encodeURIComponent(job.id));
    }
    if (job.status !== "done") throw new Error(`job ${job.id} ${job.status}: ${job.error || "no error message"}`);
    showJob(id, { busy: false, text: `job ${job.id} done: ${job.verdict}` });
    try { await refresh(); } catch (e) {
      showJob(id, { busy: false, text: `job ${job.id} done: ${job.verdict}; reloading the verdicts failed: ${e.message}`, error: true });
    }
  } catch (e) {
    showJob(id, { busy: false, text: `check ${id} failed: ${e.message}`, error: true });
  }
}

function onStepClick(ev, refresh) {
  // delegated from #paths-body: law links open their panel, check buttons run their chain
  const a = ev.target.closest("a.law");
  if (a) { ev.preventDefault(); toggleLaw(a); return; }
  const b = ev.target.closest("button.check");
  if (b) runCheck(b.dataset.chain, refresh);
}
