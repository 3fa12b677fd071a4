// Sortable tables (tablesort 5.6.0, shipped in generator/site/vendor/). Runs on first load and after every
// Material instant navigation. Headings are focusable; tablesort sorts on click and Enter,
// and Space is added here so keyboard users have both keys a button answers to.
document$.subscribe(function () {
  document.querySelectorAll("table.vg-sortable").forEach(function (table) {
    if (table.dataset.vgSortable) return;
    table.dataset.vgSortable = "1";
    new Tablesort(table);
    table.querySelectorAll("thead th").forEach(function (th) {
      th.tabIndex = 0;
      th.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          th.click();
        }
      });
    });
  });
});

// A table wider than its column scrolls sideways inside Material's wrapper; say so, above it,
// and let the keyboard scroll it. Checked again when the window is resized.
(function () {
  function mark(wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var cue = wrap.previousElementSibling;
    var has = cue && cue.classList.contains("vg-scroll-cue");
    wrap.classList.toggle("vg-scrolls", wide);
    if (wide && !has) {
      cue = document.createElement("p");
      cue.className = "vg-scroll-cue";
      cue.setAttribute("aria-hidden", "true");
      cue.textContent = "Wide table: scroll sideways for more columns →";
      wrap.parentNode.insertBefore(cue, wrap);
    } else if (!wide && has) {
      cue.remove();
    }
    if (wide) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
  function markAll() {
    document.querySelectorAll(".md-typeset__scrollwrap, .vg-calc__scroll, table.vg-sortable").forEach(mark);
  }
  document$.subscribe(markAll);
  window.addEventListener("resize", markAll);
  window.vgMarkTables = markAll;
})();
