// The live pages of frcli serve: show each SSE event / JSON line the moment it arrives.
// Plain browser APIs only (EventSource, fetch, ReadableStream); no libraries.
"use strict";

const frcliLive = (() => {
  const config = JSON.parse(document.getElementById("config").textContent);
  const rows = document.querySelector("#events tbody");
  const status = document.getElementById("status");
  const stopButton = document.getElementById("stop");
  const againButton = document.getElementById("again");
  let t0 = performance.now();
  let count = 0;

  function since() {
    return `${Math.round(performance.now() - t0)} ms`;
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
    const running = state === "connecting" || state === "open";
    stopButton.hidden = !running;
    againButton.hidden = running;
  }

  // Pretty JSON when the text is JSON, the text itself otherwise.
  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 1).replace(/\n\s*/g, " ");
    } catch {
      return text;
    }
  }

  function addRow(cells, kind) {
    count += 1;
    const tr = document.createElement("tr");
    tr.className = `row ${kind || ""}`;
    for (const [i, value] of [String(count), since(), ...cells].entries()) {
      const td = document.createElement("td");
      if (i === 2 + cells.length - 1) {
        const code = document.createElement("code");
        code.textContent = value;
        td.appendChild(code);
      } else {
        td.textContent = value;
      }
      tr.appendChild(td);
    }
    tr.classList.add("fresh");
    rows.appendChild(tr);
  }

  function reset() {
    rows.replaceChildren();
    count = 0;
    t0 = performance.now();
  }

  function sse() {
    let source = null;
    let lastId = "";

    function open() {
      reset();
      setStatus("connecting", "Connecting…");
      source = new EventSource(config.src);
      const show = (event) => {
        lastId = event.lastEventId;
        addRow([event.type, event.lastEventId || "", pretty(event.data)], "event");
        setStatus("open", `Open: ${count} event${count === 1 ? "" : "s"} so far.`);
      };
      source.onopen = () => setStatus("open", "Open: the response head arrived; waiting for events.");
      source.addEventListener("message", show);
      for (const name of config.names) source.addEventListener(name, show);
      source.onerror = () => {
        const closedByServer = source.readyState === EventSource.CONNECTING;
        source.close();
        if (closedByServer) {
          const resume = lastId ? `, sending last-event-id: ${lastId}` : "";
          setStatus(
            "done",
            `The server ended the stream after ${count} event${count === 1 ? "" : "s"} (${since()}). ` +
              `EventSource would reconnect on its own after the retry delay${resume}; this page stops here.`,
          );
        } else {
          setStatus(
            "failed",
            "EventSource gave up: the answer was not a 200 with content-type text/event-stream. " +
              "Open the source link to see what it is.",
          );
        }
      };
    }

    stopButton.onclick = () => {
      source.close();
      setStatus("stopped", `Stopped by you after ${count} event${count === 1 ? "" : "s"} (${since()}).`);
    };
    againButton.onclick = open;
    open();
  }

  function jsonl() {
    const head = document.getElementById("head");
    let controller = null;

    async function read() {
      reset();
      head.textContent = "";
      setStatus("connecting", "Connecting…");
      controller = new AbortController();
      let chunks = 0;
      let gotHead = false;
      try {
        const response = await fetch(config.src, {
          headers: { accept: "application/jsonl" },
          signal: controller.signal,
        });
        head.textContent = `${response.status} ${response.statusText} · content-type: ${
          response.headers.get("content-type") || "(none)"
        }`;
        gotHead = true;
        setStatus("open", "Open: the response head arrived; reading lines as they come.");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        const showLine = (line) => {
          if (!line.trim()) return;
          let text;
          let kind = "line";
          try {
            text = JSON.stringify(JSON.parse(line));
          } catch {
            text = `not JSON: ${line}`;
            kind = "bad";
          }
          addRow([`read ${chunks}`, text], kind);
          setStatus("open", `Open: ${count} line${count === 1 ? "" : "s"} so far.`);
        };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          chunks += 1;
          buffer += value;
          let end = buffer.indexOf("\n");
          while (end >= 0) {
            showLine(buffer.slice(0, end));
            buffer = buffer.slice(end + 1);
            end = buffer.indexOf("\n");
          }
        }
        showLine(buffer);
        setStatus(
          "done",
          `The stream ended: ${count} line${count === 1 ? "" : "s"} in ${chunks} read${
            chunks === 1 ? "" : "s"
          } (${since()}).`,
        );
      } catch (error) {
        if (error.name === "AbortError") {
          setStatus("stopped", `Stopped by you after ${count} line${count === 1 ? "" : "s"} (${since()}).`);
        } else if (gotHead) {
          setStatus(
            "failed",
            `The stream broke after ${count} line${count === 1 ? "" : "s"} (${since()}): the ` +
              "connection closed before the end of the body. The server failed mid-response, " +
              `after its status line had gone out (${error.message}).`,
          );
        } else {
          setStatus("failed", `The request failed: ${error.message}`);
        }
      }
    }

    stopButton.onclick = () => controller && controller.abort();
    againButton.onclick = read;
    read();
  }

  return { sse, jsonl };
})();
