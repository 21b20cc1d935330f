// The requests view: the journal, newest first, kept current by the
// event stream (one connection, no polling), filtered by vendor, route and
// status. Entries arrive with their credentials already redacted by the
// mock.

import { $, h, clear, pretty, facts, fmtInt } from "./dom.js";

export class RequestsView {
  constructor(app) {
    this.app = app;
    this.entries = []; // newest first
    this.ids = new Set();
    this.capacity = 1000;
    this.seen = 0;
    this.epoch = 0; // bumped by each clear, so that an older list is dropped
    this.paused = false;
    this.held = []; // entries that came while paused
    this.visible = false;
    this.unseen = 0;
    this.selected = null;
    this.filter = { vendor: "", route: "", status: "" };

    this.form = $("#request-filters");
    this.tbody = $("#requests-table").tBodies[0];
    this.detail = $("#request-detail");
    this.badge = $("#requests-badge");
    this.form.addEventListener("change", () => this.readFilters());
    this.form.addEventListener("submit", (e) => e.preventDefault());
    $("#requests-pause").addEventListener("click", () => this.togglePause());
    $("#requests-clear").addEventListener("click", () => this.clearJournal());
    this.detail.querySelector("[data-close]").addEventListener("click", () => this.closeDetail());
  }

  configure(names) {
    const vendor = this.form.elements.vendor;
    const route = this.form.elements.route;
    for (const v of names.vendors) {
      vendor.append(h("option", { value: v.name, text: v.name }));
      route.append(h("optgroup", { label: v.name }, v.routes.map((r) => h("option", { value: r, text: r }))));
    }
    this.applyFilterFields();
  }

  show(params) {
    this.visible = true;
    this.unseen = 0;
    this.updateBadge();
    for (const k of Object.keys(this.filter)) this.filter[k] = params.get(k) || "";
    this.applyFilterFields();
    this.render();
  }

  hide() {
    this.visible = false;
  }

  applyFilterFields() {
    for (const [k, v] of Object.entries(this.filter)) {
      const el = this.form.elements[k];
      if (el) el.value = v;
    }
  }

  readFilters() {
    for (const k of Object.keys(this.filter)) this.filter[k] = this.form.elements[k].value;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(this.filter)) if (v) p.set(k, v);
    this.app.setParams("requests", p);
    this.render();
  }

  matches(e) {
    const f = this.filter;
    if (f.vendor && e.vendor !== f.vendor) return false;
    if (f.route === "-" ? e.route : f.route && e.route !== f.route) return false;
    if (f.status) {
      if (f.status === "0") return e.status === 0;
      if (Math.floor(e.status / 100) !== Number(f.status[0])) return false;
    }
    return true;
  }

  // hello starts over: read the journal, then apply what the stream sends.
  async hello(v) {
    this.off = v.capacity === 0;
    this.capacity = v.capacity || this.capacity;
    const epoch = ++this.epoch;
    let body;
    try {
      body = await this.app.api.get("/requests");
    } catch (e) {
      this.app.notify(e.message);
      return;
    }
    if (epoch !== this.epoch) return;
    const streamed = this.entries.filter((e) => e.id > v.seen);
    this.entries = [];
    this.ids.clear();
    for (const e of body.requests) this.insert(e);
    for (const e of streamed) this.insert(e);
    this.seen = Math.max(body.seen, this.seen);
    this.render();
  }

  insert(e) {
    if (this.ids.has(e.id)) return false;
    this.ids.add(e.id);
    let i = 0;
    while (i < this.entries.length && this.entries[i].id > e.id) i++;
    this.entries.splice(i, 0, e);
    while (this.entries.length > this.capacity) this.ids.delete(this.entries.pop().id);
    this.seen = Math.max(this.seen, e.id);
    return i === 0;
  }

  added(e) {
    if (this.paused) {
      this.held.push(e);
      this.summary();
      return;
    }
    const onTop = this.insert(e);
    if (!this.visible) {
      this.unseen++;
      this.updateBadge();
      return;
    }
    if (onTop && this.matches(e)) {
      const tr = this.row(e);
      tr.classList.add("new");
      tr.addEventListener("animationend", () => tr.classList.remove("new"), { once: true });
      this.tbody.prepend(tr);
      while (this.tbody.rows.length > this.capacity) this.tbody.lastElementChild.remove();
      $("#requests-empty").hidden = true;
      this.summary();
    } else {
      this.render();
    }
  }

  cleared() {
    this.epoch++;
    this.entries = [];
    this.ids.clear();
    this.held = [];
    this.seen = 0;
    this.unseen = 0;
    this.updateBadge();
    this.closeDetail();
    this.render();
  }

  updateBadge() {
    this.badge.textContent = this.unseen > 999 ? "999+" : String(this.unseen);
    this.badge.hidden = this.unseen === 0;
  }

  togglePause() {
    this.paused = !this.paused;
    $("#requests-pause").setAttribute("aria-pressed", String(this.paused));
    $("#requests-pause").textContent = this.paused ? "Resume" : "Pause";
    if (!this.paused) {
      for (const e of this.held) this.insert(e);
      this.held = [];
      this.render();
    }
    this.summary();
  }

  async clearJournal() {
    try {
      await this.app.api.del("/requests");
    } catch (e) {
      this.app.notify(e.message);
    }
  }

  render() {
    if (!this.visible) return;
    clear(this.tbody);
    const rows = this.entries.filter((e) => this.matches(e)).map((e) => this.row(e));
    this.tbody.append(...rows);
    $("#requests-empty").hidden = rows.length > 0 || this.entries.length > 0;
    this.summary();
  }

  summary() {
    if (this.off) {
      $("#requests-summary").textContent = "The journal is off on this server (--journal-size 0): there is nothing to show.";
      return;
    }
    const shown = this.tbody.rows.length;
    let s = `${fmtInt(shown)} shown of ${fmtInt(this.entries.length)} kept (the journal keeps the latest ${fmtInt(this.capacity)}).`;
    if (this.paused) s += ` Paused: ${fmtInt(this.held.length)} new waiting.`;
    $("#requests-summary").textContent = s;
  }

  row(e) {
    const time = new Date(e.time);
    const b = h("button", { type: "button", class: "link", text: clockText(time), "aria-label": `Request ${e.id}: ${e.method} ${e.path}, status ${e.status || "none"}` });
    b.addEventListener("click", () => this.open(e));
    const rules = (e.rules || []).join(", ");
    // "status" is an injected status, which the status column shows; a
    // broken answer (reset, timeout...) is named.
    const broke = e.fault && e.fault !== "status" ? e.fault : "";
    return h(
      "tr",
      { "data-id": String(e.id), "aria-selected": String(this.selected === e.id) },
      h("td", { class: "num" }, b),
      h("td", { text: e.vendor }),
      h("td", { class: "wide", text: e.method }),
      h("td", { class: "path mono", text: e.path + (e.query ? "?" + e.query : "") }),
      h("td", { class: "status s" + Math.floor(e.status / 100), text: e.status ? String(e.status) : "—" }),
      h("td", { class: "wide num", text: e.duration_ms.toFixed(1) }),
      h("td", { class: "mono", text: rules + (broke ? (rules ? " · " : "") + broke : "") }),
    );
  }

  open(e) {
    this.selected = e.id;
    for (const tr of this.tbody.rows) tr.setAttribute("aria-selected", String(tr.dataset.id === String(e.id)));
    $("#request-detail-title").textContent = `${e.method} ${e.path}`;
    const rules = (e.rules || []).map((id, i) => [i ? ", " : "", ruleLink(id)]);
    const body = clear($("#request-detail-body"));
    body.append(
      facts([
        ["Id", String(e.id)],
        ["Time", e.time],
        ["Vendor", e.vendor],
        ["Route", e.route || "(no route)"],
        ["Status", e.status ? String(e.status) : "no answer (connection dropped)"],
        ["Fault", e.fault || "none"],
        ["Rules fired", rules.length ? h("span", {}, rules) : "none"],
        ["Client", e.client || "not asked for"],
        ["Bytes", fmtInt(e.bytes)],
        ["Duration", e.duration_ms + " ms"],
        ["Query", e.query || "none"],
      ]),
      h("h4", { text: "Headers (secrets redacted)" }),
      facts(Object.entries(e.headers || {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.join(", ")])),
      h("h4", { text: "As GET /__mock/requests shows it" }),
      h("pre", { class: "code", tabindex: "0", text: pretty(e) }),
    );
    this.detail.hidden = false;
    $("#request-detail-title").focus();
  }

  closeDetail() {
    const id = this.selected;
    this.selected = null;
    this.detail.hidden = true;
    const tr = id !== null && [...this.tbody.rows].find((r) => r.dataset.id === String(id));
    if (tr) {
      tr.setAttribute("aria-selected", "false");
      tr.querySelector("button").focus();
    }
  }
}

function ruleLink(id) {
  if (id === "prefer" || id === "query") return h("code", { text: id === "prefer" ? "Prefer header" : "__ query parameters" });
  return h("a", { href: "#faults", text: id });
}

function clockText(d) {
  const p = (n, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}
