// Streams the chosen photos to POST /api/images a few at a time, then polls /staff/api/status until each one has
// settled (classified, needs_retake or rejected). Nothing here holds a photo in memory beyond the browser's File.
(() => {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("files"), drop = document.getElementById("drop");
  const body = document.querySelector("#uploads tbody"), summary = document.getElementById("summary"), bar = document.getElementById("bar");
  const token = form.querySelector("input[name=__RequestVerificationToken]").value;
  const settled = new Set(["classified", "needs_retake", "rejected"]);
  const GROUP = 4;
  const rows = new Map(); // image id -> row
  let total = 0, done = 0;

  const cell = (row, name, text) => { row.querySelector(`[data-cell=${name}]`).textContent = text ?? ""; };
  const setStatus = (row, status) => { const s = row.querySelector(".status"); s.className = `status ${status}`; s.textContent = status; };
  const progress = () => {
    summary.textContent = `${done} of ${total} settled`;
    bar.style.width = total ? `${Math.round(100 * done / total)}%` : "0";
  };
  const addRow = (name) => {
    const row = document.createElement("tr");
    row.innerHTML = `<td data-cell="name"></td><td><span class="status received">sending</span></td><td data-cell="label"></td>`
      + `<td class="num" data-cell="confidence"></td><td data-cell="detail"></td>`;
    cell(row, "name", name);
    body.appendChild(row);
    return row;
  };
  const settle = (row, status, label, confidence, detail) => {
    if (row.dataset.settled) return;
    setStatus(row, status); cell(row, "label", label); cell(row, "confidence", confidence == null ? "" : `${(confidence * 100).toFixed(1)} %`); cell(row, "detail", detail);
    row.dataset.settled = "1"; done++; progress();
  };

  async function send(files) {
    const data = new FormData();
    data.append("runId", form.dataset.runId);
    const returnId = document.getElementById("returnId").value.trim();
    if (returnId) data.append("returnId", returnId);
    const lineId = document.getElementById("lineId").value.trim();
    if (returnId && lineId) data.append("lineId", lineId);
    const pending = files.map((f) => { data.append("files", f, f.name); return addRow(f.name); });
    const response = await fetch("/api/images", { method: "POST", body: data, headers: { RequestVerificationToken: token } });
    if (!response.ok) {
      let detail = `${response.status}`;
      try { detail = (await response.json()).detail ?? detail; } catch { }
      pending.forEach((row) => settle(row, "rejected", "", null, `not sent: ${detail}`));
      return;
    }
    const results = await response.json();
    results.forEach((r, i) => {
      const row = pending[i];
      const link = document.createElement("a"); link.href = `/images/${r.imageId}`; link.textContent = r.sourceName;
      row.querySelector("[data-cell=name]").replaceChildren(link);
      row.dataset.imageId = r.imageId;
      if (r.status === "Rejected") settle(row, "rejected", "", null, `${r.reason}: ${r.detail}`);
      else { setStatus(row, "received"); rows.set(r.imageId, row); }
    });
  }

  async function poll() {
    const waiting = [...rows.entries()].filter(([, row]) => !row.dataset.settled).map(([id]) => id);
    for (let i = 0; i < waiting.length; i += 100) {
      const response = await fetch(`/staff/api/status?ids=${waiting.slice(i, i + 100).join(",")}`);
      if (!response.ok) continue;
      for (const s of await response.json())
        if (settled.has(s.status)) {
          // the same photo sent twice is one image: settle every row that shows it
          for (const row of body.querySelectorAll(`tr[data-image-id="${s.imageId}"]`))
            settle(row, s.status, s.label, s.confidence, s.reason);
        }
    }
  }

  async function upload(files) {
    if (!files.length) return;
    document.getElementById("progress").hidden = false;
    total += files.length; progress();
    for (let i = 0; i < files.length; i += GROUP) await send(files.slice(i, i + GROUP));
    while (done < total) { await poll(); if (done < total) await new Promise((r) => setTimeout(r, 1000)); }
  }

  // Choosing or dropping files only lists them: the return id and line id may still be typed, and Upload sends them all.
  let chosen = [];
  const chosenText = document.getElementById("chosen"), sendButton = document.getElementById("send");
  const choose = (files) => {
    chosen = files;
    sendButton.disabled = !chosen.length;
    chosenText.textContent = chosen.length
      ? `${chosen.length} photo${chosen.length === 1 ? "" : "s"} chosen: ${chosen.map((f) => f.name).join(", ")}. Add a return id if they belong to one, then press Upload.`
      : "No photos chosen yet.";
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const files = chosen;
    choose([]); input.value = "";
    upload(files);
  });
  input.addEventListener("change", () => choose([...input.files]));
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => choose([...e.dataTransfer.files]));
})();
