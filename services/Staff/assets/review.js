// Keyboard-first review: 1–0 pick a label, Enter saves it, S skips, U undoes the last decision. Nothing is chosen for the
// reviewer: Enter before a label is picked only says so. Keys typed into a field are left alone.
(() => {
  const decide = document.getElementById("decide"), undo = document.getElementById("undo");
  if (!decide && !undo) return;
  const pickFirst = document.getElementById("pick-first");
  if (decide) decide.addEventListener("submit", (e) => {
    if (!decide.querySelector("input[name=Label]:checked")) { e.preventDefault(); pickFirst.hidden = false; }
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.matches("input[type=text], input[type=search], textarea, select")) return;
    if ((e.key === "u" || e.key === "U") && undo) { e.preventDefault(); undo.requestSubmit(); return; }
    if (!decide) return;
    const label = decide.querySelector(`label[data-key="${e.key}"] input`);
    if (label) { label.checked = true; pickFirst.hidden = true; e.preventDefault(); return; }
    if (e.key === "Enter" && !e.target.matches("button, a")) {
      e.preventDefault();
      if (decide.querySelector("input[name=Label]:checked")) decide.requestSubmit(); else pickFirst.hidden = false;
      return;
    }
    if (e.key === "s" || e.key === "S") { e.preventDefault(); document.getElementById("skip").requestSubmit(); }
  });
})();
