// Provenance markers (generator/pages/provenance.py) are Markdown footnotes that Material
// shows as tooltips on hover and focus. Two things it leaves out:
// - a name that says what the marker is: "Source 3" (and ", checked too long ago" for a
//   stale fact), not a bare number;
// - Escape closes the open tooltip without moving focus (WCAG 1.4.13); it comes back when
//   the marker is focused or hovered again.
// On touch, tapping a marker goes to its footnote, whose back-link returns to the value.
document$.subscribe(function () {
  document.querySelectorAll("a.footnote-ref").forEach(function (a) {
    if (a.hasAttribute("aria-label")) return;
    var stale = (a.getAttribute("href") || "").indexOf("#fn:stale-") !== -1;
    a.setAttribute("aria-label", "Source " + a.textContent.trim() + (stale ? ", checked too long ago" : ""));
  });
});

(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (t) {
      t.classList.add("vg-tip-closed");
    });
  });
  function reopen(event) {
    // Material links a marker to its tooltip only once it shows it, so reopen them all.
    if (!(event.target.closest && event.target.closest("a.footnote-ref"))) return;
    document.querySelectorAll(".vg-tip-closed").forEach(function (t) {
      t.classList.remove("vg-tip-closed");
    });
  }
  document.addEventListener("focusin", reopen);
  document.addEventListener("mouseover", reopen);
})();
