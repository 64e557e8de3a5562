/* Click-to-sort for tables with class "sortable". The table reads fine
 * without it: this only wraps header labels in buttons and reorders rows.
 * Cells may carry data-sort (the raw value); header data-type is "num" or
 * "text", data-first the direction of the first click. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function cellKey(cell, numeric) {
    var raw = cell.getAttribute('data-sort');
    if (raw === null) raw = cell.textContent.trim();
    if (!numeric) return raw;
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }

  function compare(a, b, numeric) {
    if (a === b) return 0;
    if (a === null) return 1;   /* blanks sort last either way */
    if (b === null) return -1;
    if (numeric) return a - b;
    return a.localeCompare(b, document.documentElement.lang);
  }

  function sortBy(table, column, th) {
    var numeric = th.getAttribute('data-type') === 'num';
    var current = th.getAttribute('aria-sort');
    var first = th.getAttribute('data-first') === 'desc' ? 'descending' : 'ascending';
    var direction = current === first
      ? (first === 'ascending' ? 'descending' : 'ascending') : first;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, index: index, key: cellKey(row.cells[column], numeric) };
    });
    rows.sort(function (a, b) {
      var c;
      if (a.key === null || b.key === null) c = compare(a.key, b.key, numeric);
      else c = compare(a.key, b.key, numeric) * (direction === 'ascending' ? 1 : -1);
      return c || a.index - b.index;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () { sortBy(table, column, th); });
    });
  });
}());
