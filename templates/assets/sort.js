/* Tables that sort and filter. Every page reads fine without this script:
 * the whole table is there, in rank order, and the controls stay hidden.
 *
 * Sorting (tables with class "sortable"): header labels become buttons;
 * data-type="num" columns sort by each cell's data-sort, the machine value
 * the generator wrote (never by parsing the text shown, which is grouped
 * and abbreviated per language); cells without one sort last. data-first
 * is the direction of the first click.
 *
 * Filtering (tables with class "filterable", controls #board-controls):
 * the search box matches each row's data-q (its model, organization and
 * license) as you type; checkboxes with data-filter="open" keep rows with
 * data-open, data-filter="prelim" hides rows with data-prelim. The count
 * and "no model matches" line follow. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function cellKey(cell, numeric) {
    var raw = cell ? cell.getAttribute('data-sort') : null;
    if (numeric) {
      var n = raw === null ? NaN : parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    return raw === null ? (cell ? cell.textContent.trim() : '') : raw;
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
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var label = th.querySelector('.label') || th;
      var button = document.createElement('button');
      button.type = 'button';
      /* The header's note describes the button that now holds its label. */
      var note = th.getAttribute('aria-describedby');
      if (note) button.setAttribute('aria-describedby', note);
      if (label !== th && label.title) button.title = label.title;
      while (label.firstChild) button.appendChild(label.firstChild);
      label.appendChild(button);
      label.removeAttribute('title');
      button.addEventListener('click', function () { sortBy(table, column, th); });
    });
  }

  function grouped(n, separator) {
    var s = String(n);
    if (!separator) return s;
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function makeFilterable(table, controls) {
    var search = controls.querySelector('input[type="search"]');
    var boxes = controls.querySelectorAll('input[data-filter]');
    var count = controls.querySelector('output.count');
    var empty = document.getElementById('board-empty');
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return {
        row: row,
        text: (row.getAttribute('data-q') || '').toLocaleLowerCase(),
        open: row.hasAttribute('data-open'),
        prelim: row.hasAttribute('data-prelim')
      };
    });
    function update() {
      var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var onlyOpen = false, hidePrelim = false;
      Array.prototype.forEach.call(boxes, function (box) {
        if (!box.checked) return;
        if (box.getAttribute('data-filter') === 'open') onlyOpen = true;
        if (box.getAttribute('data-filter') === 'prelim') hidePrelim = true;
      });
      var shown = 0;
      rows.forEach(function (r) {
        var keep = (!onlyOpen || r.open) && (!hidePrelim || !r.prelim)
          && words.every(function (w) { return r.text.indexOf(w) >= 0; });
        r.row.hidden = !keep;
        if (keep) shown++;
      });
      if (count) {
        var group = count.getAttribute('data-group');
        count.textContent = count.getAttribute('data-template')
          .replace('{shown}', grouped(shown, group))
          .replace('{total}', grouped(rows.length, group));
      }
      if (empty) empty.hidden = shown !== 0;
    }
    search.addEventListener('input', update);
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener('change', update);
    });
    controls.hidden = false;
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), makeSortable);
  var controls = document.getElementById('board-controls');
  var table = document.querySelector('table.filterable');
  if (controls && table) makeFilterable(table, controls);
}());
