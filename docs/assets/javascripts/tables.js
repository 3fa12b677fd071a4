// Sortable tables (tablesort, installed by `npm ci`). Runs on first load and after every
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
