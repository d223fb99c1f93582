// Keyboard use: "/" jumps to the search box; "j" and "k" move between hits.
// Everything works without this file; it only saves keystrokes.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  if (event.key === "/") {
    const box = document.getElementById("top-q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
    return;
  }
  if (event.key !== "j" && event.key !== "k") return;
  const links = Array.from(document.querySelectorAll(".hit-title"));
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement);
  const next = event.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
  links[next].focus();
});
