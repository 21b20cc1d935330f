// The sessions view: both vendors' records, paged and searched by the
// server (GET /__mock/sessions), so that a million records cost the page
// no more than fifty.

import { $, $$, h, clear, show, debounce, pretty, facts, fmtInt, copyText } from "./dom.js";
import { q } from "./tokens.js";

const pageSize = 50;

export class SessionsView {
  constructor(app) {
    this.app = app;
    this.vendor = "segura";
    this.query = "";
    this.offset = 0;
    // A search pages by "next"; the stack holds where each earlier page
    // began and how many matches came before it.
    this.trail = [];
    this.before = 0;
    this.page = null;
    this.selected = null;
    this.ctrl = null;

    this.table = $("#sessions-table");
    this.input = $("#session-query");
    this.range = $("#sessions-range");
    this.detail = $("#session-detail");
    this.curlText = $("#curl-text");
    this.tokenState = $("#token-state");

    for (const b of $$("[data-vendor]")) {
      b.addEventListener("click", () => this.setVendor(b.dataset.vendor));
    }
    $("#session-search").addEventListener("submit", (e) => {
      e.preventDefault();
      this.search(this.input.value.trim());
    });
    const typed = debounce(() => this.search(this.input.value.trim()), 300);
    this.input.addEventListener("input", typed);
    $("#sessions-prev").addEventListener("click", () => this.prev());
    $("#sessions-next").addEventListener("click", () => this.next());
    this.detail.querySelector("[data-close]").addEventListener("click", () => this.closeDetail());
    $("#copy-curl").addEventListener("click", () => this.copyCurl());
    $("#fresh-token").addEventListener("click", () => this.freshToken());
    $("#copy-token-curl").addEventListener("click", () => this.copyTokenCurl());
  }

  searchInput() {
    return this.input;
  }

  show(params) {
    const vendor = params.get("vendor") === "appgate" ? "appgate" : params.get("vendor") === "segura" ? "segura" : this.vendor;
    const query = params.has("q") ? params.get("q") : this.query;
    const changed = vendor !== this.vendor || query !== this.query || !this.page;
    this.vendor = vendor;
    this.query = query;
    this.input.value = query;
    if (changed) this.restart();
    else this.load();
  }

  setVendor(v) {
    if (v === this.vendor) return;
    this.vendor = v;
    this.closeDetail();
    this.restart();
  }

  search(query) {
    if (query === this.query) return;
    this.query = query;
    this.restart();
  }

  restart() {
    this.offset = 0;
    this.trail = [];
    this.before = 0;
    this.remember();
    this.load();
  }

  remember() {
    const p = new URLSearchParams();
    if (this.vendor !== "segura") p.set("vendor", this.vendor);
    if (this.query) p.set("q", this.query);
    this.app.setParams("sessions", p);
  }

  prev() {
    if (this.query) {
      const back = this.trail.pop();
      if (!back) return;
      this.offset = back.offset;
      this.before = back.before;
    } else {
      this.offset = Math.max(0, this.offset - pageSize);
    }
    this.load();
  }

  next() {
    const p = this.page;
    if (!p) return;
    if (this.query) {
      if (p.next === null || p.next === undefined) return;
      this.trail.push({ offset: this.offset, before: this.before });
      this.before += this.items(p).length;
      this.offset = p.next;
    } else {
      if (this.offset + pageSize >= p.total) return;
      this.offset += pageSize;
    }
    this.load();
  }

  items(p) {
    return (this.vendor === "segura" ? p.sessions : p.clients) || [];
  }

  async load() {
    if (this.ctrl) this.ctrl.abort();
    const ctrl = (this.ctrl = new AbortController());
    const params = new URLSearchParams({ vendor: this.vendor, offset: String(this.offset), limit: String(pageSize) });
    if (this.query) params.set("query", this.query);
    for (const b of $$("[data-vendor]")) b.setAttribute("aria-pressed", String(b.dataset.vendor === this.vendor));
    this.range.textContent = "Loading…";
    let body;
    try {
      body = await this.app.api.get("/sessions?" + params, { signal: ctrl.signal });
    } catch (e) {
      if (e.name === "AbortError") return;
      this.range.textContent = "";
      this.app.notify(e.message);
      return;
    }
    if (ctrl !== this.ctrl) return;
    this.page = body[this.vendor];
    this.render();
  }

  render() {
    const p = this.page;
    const items = this.items(p);
    const thead = this.table.tHead;
    const tbody = this.table.tBodies[0];
    clear(thead);
    clear(tbody);
    if (this.vendor === "segura") {
      thead.append(h("tr", {}, th("Id"), th("User"), th("Device", "wide"), th("Protocol"), th("Start"), th("End", "wide")));
      for (const s of items) {
        tbody.append(this.row(s, s.id, "Segura session " + s.id, [s.user, cell(s.device, "wide"), s.protocol, s.start, cell(s.end, "wide")]));
      }
    } else {
      thead.append(h("tr", {}, th("Distinguished name"), th("User"), th("Provider", "wide"), th("Gateways", "wide")));
      for (const c of items) {
        const gws = Object.keys((c.sessionInfo && c.sessionInfo.data) || {});
        tbody.append(this.row(c, c.dn, c.dn, [c.sessionInfo.username, cell(c.sessionInfo.providerName, "wide"), cell(gws.join(", "), "wide")]));
      }
    }
    $("#sessions-empty").hidden = items.length > 0;
    const n = items.length;
    if (this.query) {
      const more = p.next !== null && p.next !== undefined;
      this.range.textContent = n
        ? `Matches ${fmtInt(this.before + 1)}–${fmtInt(this.before + n)}${more ? ", more may follow" : ""} · ${fmtInt(p.total)} records`
        : more
          ? `No match up to record ${fmtInt(p.next)} of ${fmtInt(p.total)}: Next searches on`
          : `No ${this.before ? "more " : ""}match among ${fmtInt(p.total)} records`;
      $("#sessions-prev").disabled = this.trail.length === 0;
      $("#sessions-next").disabled = !more;
    } else {
      this.range.textContent = n ? `Records ${fmtInt(this.offset + 1)}–${fmtInt(this.offset + n)} of ${fmtInt(p.total)}` : `${fmtInt(p.total)} records`;
      $("#sessions-prev").disabled = this.offset === 0;
      $("#sessions-next").disabled = this.offset + pageSize >= p.total;
    }
    this.markSelected();
  }

  row(record, key, label, cells) {
    const b = h("button", { type: "button", class: "link", text: key, "aria-label": "Show " + label });
    b.addEventListener("click", () => this.open(record, key));
    return h("tr", { "data-key": key }, h("td", { class: "mono" }, b), cells.map((c) => (c instanceof Node ? c : h("td", { text: c ?? "" }))));
  }

  markSelected() {
    for (const tr of this.table.tBodies[0].rows) {
      tr.setAttribute("aria-selected", String(this.selected !== null && tr.dataset.key === this.selected.key));
    }
  }

  open(record, key) {
    this.selected = { record, key, vendor: this.vendor };
    this.markSelected();
    const body = clear($("#session-detail-body"));
    const json = clear($("#session-detail-json"));
    const title = $("#session-detail-title");
    this.curlText.textContent = "";
    if (this.vendor === "segura") {
      title.textContent = "Segura session " + record.id;
      body.append(
        facts([["User", record.user], ["Device", record.device], ["Protocol", record.protocol + " via " + record.proxy], ["Start", record.start], ["End", record.end], ["Time", record.time]]),
        lifecycle(record.lifecycle, [["State", "state"], ["Starts", "start"], ["Ends", "end"]]),
      );
      const { lifecycle: _, ...vendorRecord } = record;
      json.append(
        h("h4", { text: "As GET /api/session/remotesessions sends it" }),
        h("pre", { class: "code", tabindex: "0", text: pretty(vendorRecord) }),
      );
    } else {
      const info = record.sessionInfo;
      title.textContent = info.username + " (" + info.providerName + ")";
      const gateways = Object.entries(info.data || {});
      body.append(
        facts([["DN", h("code", { text: record.dn })], ["Device id", info.deviceId], ["Gateways", String(gateways.length)]]),
        lifecycle(record.lifecycle, [["State", "state"], ["Connected", "connected"], ["Disconnects", "disconnected"], ["Reported until", "gone"]]),
        h("h4", { text: "Gateways" }),
        h("ul", { class: "dns" }, gateways.map(([name, g]) => h("li", {}, h("strong", { text: name }), " · " + (g.site || "no site") + " · " + Object.keys(g.entitlementInfos || {}).length + " entitlements"))),
      );
      json.append(
        h("h4", { text: "GET /admin/session-info/{dn} answers" }),
        h("pre", { class: "code", tabindex: "0", text: pretty(info) }),
      );
    }
    this.detail.hidden = false;
    this.showTokenState();
    title.focus();
  }

  closeDetail() {
    const key = this.selected && this.selected.key;
    this.selected = null;
    this.detail.hidden = true;
    this.markSelected();
    const row = key && [...this.table.tBodies[0].rows].find((r) => r.dataset.key === key);
    if (row) row.querySelector("button").focus();
  }

  vendorCall(token) {
    const s = this.selected;
    const o = location.origin;
    if (s.vendor === "segura") {
      return `curl -sS -H ${q("Authorization: Bearer " + token)} ${q(o + "/api/session/remotesessions/" + encodeURIComponent(s.record.id))}`;
    }
    return `curl -sS -H ${q("Accept: " + this.app.tokens.accept())} -H ${q("Authorization: Bearer " + token)} ${q(o + "/admin/session-info/" + encodeURIComponent(s.record.dn))}`;
  }

  async copyCurl() {
    if (!this.selected) return;
    try {
      const t = await this.app.tokens.get(this.selected.vendor);
      await this.copy(this.vendorCall(t.value), "The curl command");
    } catch (e) {
      this.app.announce(e.message);
    }
    this.showTokenState();
  }

  async freshToken() {
    if (!this.selected) return;
    try {
      const t = await this.app.tokens.fresh(this.selected.vendor);
      this.curlText.textContent = this.vendorCall(t.value);
      this.app.announce("A fresh token is in the command.");
    } catch (e) {
      this.app.announce(e.message);
    }
    this.showTokenState();
  }

  async copyTokenCurl() {
    if (!this.selected) return;
    await this.copy(this.app.tokens.tokenCurl(this.selected.vendor), "The token request");
  }

  async copy(text, what) {
    this.curlText.textContent = text;
    const ok = await copyText(text);
    this.app.announce(ok ? what + " is on the clipboard." : what + " is shown below: select it and copy it.");
  }

  showTokenState() {
    if (!this.selected) return;
    const t = this.app.tokens.held[this.selected.vendor];
    if (!t) {
      show(this.tokenState, "No token yet: copying signs in first.");
    } else {
      const mins = Math.round((t.expires - Date.now()) / 60000);
      show(this.tokenState, mins > 0 ? `A token good for about ${mins} more minute${mins === 1 ? "" : "s"}.` : "The token has expired: copying signs in again.");
    }
  }
}

function th(text, cls) {
  return h("th", { scope: "col", class: cls, text });
}

function cell(text, cls) {
  return h("td", { class: cls, text: text ?? "" });
}

// lifecycle lists a record's place in the mock's time (the "lifecycle"
// the admin API adds to each record): its state and instants.
function lifecycle(lc, rows) {
  if (!lc) return h("p", { class: "muted", text: "No lifecycle: this server does not report one." });
  const list = rows.filter(([, k]) => lc[k]).map(([label, k]) => [label, lc[k]]);
  if (lc.dropped) list.push(["Dropped", "through the API"]);
  if (lc.failovers && lc.failovers.length) list.push(["Failovers", lc.failovers.join(", ")]);
  if (lc.pinned) list.push(["Pinned", "present for the whole run"]);
  const dl = facts(list);
  dl.classList.add("lifecycle");
  return h("div", {}, h("h4", { text: "Lifecycle" }), dl);
}
