// inzage review: the actions of the review pages, posted as JSON with the
// session's CSRF token.  Document text is only ever set as text, never HTML.
"use strict";

const csrf = () => (document.querySelector('meta[name="csrf"]') || {}).content || "";
const body = document.body;

async function post(url, data) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: JSON.stringify(data),
    credentials: "same-origin",
  });
  let answer = {};
  try { answer = await response.json(); } catch (error) { answer = {}; }
  if (!response.ok) {
    const detail = typeof answer.detail === "string" ? answer.detail : "HTTP " + response.status;
    show(detail, response.status === 409);
    throw new Error(detail);
  }
  return answer;
}

function show(text, reload) {
  const bar = document.getElementById("message");
  if (!bar) return;
  bar.textContent = text;
  if (reload) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "↻";
    button.setAttribute("aria-label", "reload");
    button.addEventListener("click", () => location.reload());
    bar.append(" ", button);
  }
  bar.hidden = false;
}

// --- signing in and out ---------------------------------------------------------

const login = document.getElementById("login");
if (login) {
  const fromUrl = new URLSearchParams(location.search).get("token");
  if (fromUrl) {
    document.getElementById("token").value = fromUrl;
    history.replaceState(null, "", "/login");  // the token leaves the address bar
  }
  login.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = document.getElementById("name");
    await post("/login", { token: document.getElementById("token").value, name: name ? name.value : "" });
    location.href = "/";
  });
}
document.querySelectorAll('[data-action="logout"]').forEach((button) =>
  button.addEventListener("click", async () => { await post("/logout", {}); location.href = "/login"; }));

// --- the dossier page -----------------------------------------------------------

const requestForm = document.getElementById("request-form");
if (requestForm) {
  requestForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(requestForm).entries());
    await post("/api/request", data);
    show(document.documentElement.lang === "en" ? "Saved." : "Opgeslagen.");
  });
}

document.querySelectorAll('[data-action="remove-term"]').forEach((button) =>
  button.addEventListener("click", async () => {
    await post("/api/everywhere/remove", { term: Number(button.dataset.term) });
    location.reload();
  }));

// --- one document ---------------------------------------------------------------

const documentId = body.dataset.document;
const version = () => Number(body.dataset.version);
const api = (action) => `/api/documents/${encodeURIComponent(documentId)}/${action}`;
const marks = () => Array.from(document.querySelectorAll("mark.proposal"));
let active = null;

function item(id) { return document.querySelector(`.p-item[data-id="${id}"]`); }

function activate(id) {
  active = id;
  document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
  const mark = document.querySelector(`mark.proposal[data-id="${id}"]`);
  const li = item(id);
  if (mark) { mark.classList.add("active"); mark.focus(); }
  if (li) { li.classList.add("active"); li.scrollIntoView({ block: "nearest" }); }
}

async function decide(id, status) {
  const li = item(id);
  const ground = li ? li.querySelector(".p-ground").value : null;
  const answer = await post(api("decide"), { version: version(), proposal: Number(id), status, ground });
  body.dataset.version = String(answer.version);
  if (li && li.classList.contains("status-manual")) { location.reload(); return; }
  for (const el of [li, document.querySelector(`mark.proposal[data-id="${id}"]`)]) {
    if (!el) continue;
    el.classList.remove("status-proposed", "status-accepted", "status-rejected");
    el.classList.add("status-" + status);
  }
  if (li) li.querySelector(".p-status").textContent = li.closest("ol").dataset["word" + status] || status;
}

function selectionOffsets() {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const text = document.getElementById("text");
  const at = (node, offset) => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!el || !text.contains(el) || el.dataset.start === undefined) return null;
    // The DOM counts UTF-16 units, the server characters (code points): an
    // emoji before the selection is two of the one and one of the other.
    const before = node.nodeType === Node.TEXT_NODE ? Array.from(node.textContent.slice(0, offset)).length : 0;
    return Number(el.dataset.start) + before;
  };
  const start = at(range.startContainer, range.startOffset);
  const end = at(range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}

async function manual() {
  const span = selectionOffsets();
  if (!span) { show(document.documentElement.lang === "en" ? "Select text first." : "Selecteer eerst tekst."); return; }
  await post(api("manual"), { version: version(), start: span.start, end: span.end, ground: document.getElementById("manual-ground").value });
  location.reload();
}

async function then(action, data) {
  await post(api(action), { version: version(), ...data });
  location.reload();
}

if (documentId) {
  document.querySelectorAll("mark.proposal").forEach((mark) =>
    mark.addEventListener("click", () => activate(mark.dataset.id)));
  document.querySelectorAll(".p-item").forEach((li) => {
    li.querySelectorAll("button").forEach((button) => button.addEventListener("click", () => {
      const id = li.dataset.id;
      activate(id);
      if (button.dataset.action === "accept") decide(id, "accepted");
      if (button.dataset.action === "reject") decide(id, "rejected");
      if (button.dataset.action === "everywhere-fill") {
        const box = document.getElementById("ew-text");
        box.value = li.querySelector(".p-text").textContent;
        document.getElementById("ew-ground").value = li.querySelector(".p-ground").value;
        box.focus();
      }
    }));
  });
  const on = (action, handler) => document.querySelectorAll(`[data-action="${action}"]`)
    .forEach((el) => el.addEventListener("click", handler));
  on("manual", manual);
  on("withhold", () => then("withhold", { page: Number(document.getElementById("w-page").value), ground: document.getElementById("w-ground").value }));
  document.querySelectorAll('[data-action="give-back"]').forEach((button) =>
    button.addEventListener("click", () => then("withhold", { page: Number(button.dataset.page), ground: null })));
  on("duplicate", () => {
    const value = document.getElementById("dup-number").value;
    then("duplicate", { of_number: value ? Number(value) : null });
  });
  on("sign", () => then("sign", { undo: false }));
  on("unsign", () => then("sign", { undo: true }));
  on("everywhere-preview", async () => {
    const text = document.getElementById("ew-text").value;
    const seen = await post("/api/everywhere/preview", { text });
    const result = document.getElementById("ew-result");
    const signed = seen.signed ? result.dataset.signed.replace("{n}", seen.signed) : "";
    result.textContent = result.dataset.template.replace("{places}", seen.places)
      .replace("{documents}", seen.documents).replace("{new}", seen.new).replace("{signed_note}", signed);
    document.getElementById("ew-apply").hidden = seen.new === 0;
  });
  on("everywhere-apply", async () => {
    await post("/api/everywhere/apply", { text: document.getElementById("ew-text").value, ground: document.getElementById("ew-ground").value });
    location.reload();
  });
  const judgeForm = document.getElementById("judge-form");
  judgeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const grounds = Array.from(document.getElementById("j-grounds").selectedOptions).map((o) => o.value);
    const judgement = document.getElementById("judgement").value || null;
    then("judge", { judgement, grounds, link: document.getElementById("j-link").value || null, remark: document.getElementById("j-remark").value || null });
  });
}

// --- keys -----------------------------------------------------------------------

document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  if (documentId) {
    const all = marks();
    const at = all.findIndex((m) => m.dataset.id === active);
    if ((event.key === "n" || event.key === "p") && all.length) {
      const next = event.key === "n" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
      activate(all[next].dataset.id);
    } else if (event.key === "a" && active) decide(active, "accepted");
    else if (event.key === "r" && active) decide(active, "rejected");
    else if (event.key === "x") manual();
    else if (event.key === "[" && document.getElementById("prev-doc")) location.href = document.getElementById("prev-doc").href;
    else if (event.key === "]" && document.getElementById("next-doc")) location.href = document.getElementById("next-doc").href;
    else return;
    event.preventDefault();
    return;
  }
  if (event.key !== "j" && event.key !== "k") return;
  const links = Array.from(document.querySelectorAll(".queue-link"));
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  links[event.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0)].focus();
  event.preventDefault();
});
