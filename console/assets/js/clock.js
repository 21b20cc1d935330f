// The clock view: the mock's clock (GET /__mock/clock answers
// {"now", "mode"}), moved forward by POST /__mock/clock with
// {"advance": "5m"} or {"set": "<RFC 3339>"}. A server without the clock
// answers 404, and the view says so.

import { $, $$, show, fmtInt } from "./dom.js";

export class ClockView {
  constructor(app) {
    this.app = app;
    this.state = null; // {now, mode} and when it was read
    this.counts = null;
    this.timer = 0;
    for (const b of $$("[data-advance]")) {
      b.addEventListener("click", () => this.move({ advance: b.dataset.advance }, "+" + b.textContent.replace(/^\+/, "")));
    }
    $("#clock-set").addEventListener("submit", (e) => {
      e.preventDefault();
      const v = $("#clock-set-value").value.trim();
      if (!v) {
        show($("#clock-error"), "Give an instant such as 2026-01-02T03:04:05Z.");
        return;
      }
      this.move({ set: v }, "set to " + v);
    });
  }

  show() {
    this.load();
  }

  hide() {
    clearInterval(this.timer);
    this.timer = 0;
  }

  async load() {
    let r;
    try {
      r = await this.app.api.send("GET", "/clock");
    } catch (e) {
      this.app.notify(e.message);
      return;
    }
    if (r.status === 404) {
      $("#clock-missing").hidden = false;
      $("#clock-panel").hidden = true;
      this.state = null;
      this.loadCounts();
      return;
    }
    if (!r.ok || !r.data || !r.data.now) {
      this.app.notify((r.data && r.data.error) || `the clock answered ${r.status}`);
      return;
    }
    this.render(r.data);
    this.loadCounts();
  }

  render(data) {
    $("#clock-missing").hidden = true;
    $("#clock-panel").hidden = false;
    this.state = { now: data.now, mode: data.mode, read: Date.now() };
    const live = data.mode === "live";
    $("#clock-mode").textContent = live
      ? "A live clock: it follows the wall clock and cannot be moved."
      : "A fixed clock: it moves only when told.";
    for (const b of $$("#clock-advance button, #clock-set button")) b.disabled = live;
    this.tick();
    clearInterval(this.timer);
    this.timer = live ? setInterval(() => this.tick(), 1000) : 0;
  }

  tick() {
    if (!this.state) return;
    const t = $("#clock-now");
    let shown = this.state.now;
    if (this.state.mode === "live") {
      const at = Date.parse(this.state.now) + (Date.now() - this.state.read);
      shown = new Date(at).toISOString().replace(/\.\d+Z$/, "Z");
    }
    t.dateTime = shown;
    t.textContent = shown;
  }

  async move(body, what) {
    show($("#clock-error"), "");
    try {
      const r = await this.app.api.post("/clock", body);
      this.app.tokens.forget(); // tokens run on the mock's clock
      if (r && r.now) this.render(r);
      else await this.load();
      this.app.announce(`Clock ${what}: now ${this.state ? this.state.now : "?"}.`);
      await this.loadCounts(true);
    } catch (e) {
      if (e.status === 404) {
        await this.load();
        return;
      }
      show($("#clock-error"), e.message);
    }
  }

  // loadCounts shows how many records exist now, and how that changed
  // with the last move.
  async loadCounts(moved) {
    let body;
    try {
      body = await this.app.api.get("/sessions?limit=0");
    } catch {
      return;
    }
    const now = { segura: body.segura.total, appgate: body.appgate.total };
    const was = this.counts;
    this.counts = now;
    const diff = (k) => (moved && was && was[k] !== now[k] ? ` (was ${fmtInt(was[k])})` : "");
    $("#clock-counts").textContent = `Segura sessions: ${fmtInt(now.segura)}${diff("segura")} · Appgate clients: ${fmtInt(now.appgate)}${diff("appgate")}`;
  }
}
