// Progressive enhancement for tables with class "sortable": each column heading becomes a
// button that sorts the rows. Without JavaScript the table stays in its server-side order.
(function () {
  "use strict";
  function key(cell, kind) {
    var value = cell.getAttribute("data-value") || cell.textContent.trim();
    return kind === "number" ? parseFloat(value) || 0 : value.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headings = table.querySelectorAll("thead th");
    headings.forEach(function (heading, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = heading.textContent;
      heading.textContent = "";
      heading.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        var kind = heading.getAttribute("data-sort");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], kind), y = key(b.cells[column], kind);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });
})();
