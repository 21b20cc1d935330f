// The event stream of /__mock/events (server-sent events), read with
// fetch so that the admin token can go in a header, which EventSource
// cannot send. Whenever the stream ends it is opened again after a
// growing pause; every connection starts with "hello", after which the
// page reads its lists afresh, so nothing is missed across a gap.

const quietLimit = 45000; // three missed heartbeats: the stream is dead

export class Events {
  constructor(api, { onHello, onEvent, onState }) {
    this.api = api;
    this.onHello = onHello;
    this.onEvent = onEvent;
    this.onState = onState;
  }

  start() {
    this.loop();
  }

  async loop() {
    let pause = 500;
    for (;;) {
      const ctrl = new AbortController();
      let watchdog;
      const alive = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => ctrl.abort(), quietLimit);
      };
      try {
        alive();
        const resp = await fetch("/__mock/events", {
          headers: this.api.headers({ Accept: "text/event-stream" }),
          signal: ctrl.signal,
          cache: "no-store",
        });
        if (resp.status === 401 && this.api.askToken) {
          clearTimeout(watchdog);
          await this.api.askToken(this.api.token ? "That token was refused." : "");
          continue;
        }
        if (!resp.ok || !resp.body) throw new Error(`events: ${resp.status}`);
        await this.read(resp.body, () => {
          alive();
          pause = 500;
        });
      } catch {
        // a network error or the watchdog: connect again below
      }
      clearTimeout(watchdog);
      ctrl.abort();
      this.onState(false);
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 10000);
    }
  }

  async read(body, alive) {
    const reader = body.getReader();
    const dec = new TextDecoder();
    let buf = "";
    let name = "";
    let data = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      alive();
      buf += dec.decode(value, { stream: true });
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        let line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (line === "") {
          if (name || data) this.dispatch(name || "message", data);
          name = "";
          data = "";
          continue;
        }
        if (line.startsWith(":")) continue; // a heartbeat
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? "" : line.slice(colon + 1);
        if (val.startsWith(" ")) val = val.slice(1);
        if (field === "event") name = val;
        else if (field === "data") data = data ? data + "\n" + val : val;
      }
    }
  }

  dispatch(name, data) {
    let v = null;
    try {
      v = data ? JSON.parse(data) : null;
    } catch {
      return;
    }
    if (name === "hello") {
      this.onState(true);
      this.onHello(v);
    } else {
      this.onEvent(name, v);
    }
  }
}
