// Keyboard-first review: 1–0 pick a label, Enter confirms, S skips. Keys typed into a field are left alone.
(() => {
  const decide = document.getElementById("decide");
  if (!decide) return;
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.matches("input[type=text], input[type=search], textarea, select")) return;
    const label = decide.querySelector(`label[data-key="${e.key}"] input`);
    if (label) { label.checked = true; e.preventDefault(); return; }
    if (e.key === "Enter") { e.preventDefault(); decide.requestSubmit(); return; }
    if (e.key === "s" || e.key === "S") { e.preventDefault(); document.getElementById("skip").requestSubmit(); }
  });
})();
