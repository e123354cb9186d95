// Plenary pages: small improvements on top of plain HTML forms that work without it.
(function () {
  'use strict';

  // A form that came back with errors: move focus to its summary, so a screen reader reads it first.
  var summary = /** @type {HTMLElement | null} */ (document.querySelector('[data-error-summary]'));
  if (summary) summary.focus();

  // Ranked ballots: "move up" / "move down" buttons beside each nominee keep the rank selects
  // consistent (no gaps, no repeats) without the person having to renumber by hand.
  var ranking = document.querySelector('[data-ranking]');
  if (!ranking) return;
  var list = ranking.querySelector('[data-rank-list]');
  var announce = ranking.querySelector('[data-rank-announce]');
  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll('[data-rank-row]'));
  }
  function renumber() {
    rows().forEach(function (row, index) {
      row.querySelector('select').value = String(index + 1);
    });
  }
  function move(row, delta) {
    var all = rows();
    var index = all.indexOf(row);
    var target = all[index + delta];
    if (!target) return;
    if (delta < 0) list.insertBefore(row, target);
    else list.insertBefore(target, row);
    renumber();
    var button = row.querySelector(delta < 0 ? '[data-move="up"]' : '[data-move="down"]');
    if (button) button.focus();
    if (announce) {
      announce.textContent = (row.getAttribute('data-name') || '') + ': ' + (all.indexOf(row) + delta + 1);
    }
  }
  rows().forEach(function (row) {
    var moves = row.querySelector('[data-rank-moves]');
    if (!moves) return;
    moves.hidden = false;
    moves.querySelectorAll('button').forEach(function (button) {
      button.addEventListener('click', function () {
        move(row, button.getAttribute('data-move') === 'up' ? -1 : 1);
      });
    });
  });
  // Order the rows by the ranks already chosen (a form shown again after an error keeps them).
  rows()
    .map(function (row) {
      return { row: row, rank: Number(row.querySelector('select').value) || Infinity };
    })
    .sort(function (a, b) {
      return a.rank - b.rank;
    })
    .forEach(function (item) {
      list.appendChild(item.row);
    });
  list.addEventListener('change', function (event) {
    var select = /** @type {HTMLSelectElement} */ (event.target);
    if (!select || select.tagName !== 'SELECT') return;
    // Choosing a rank swaps it with the nominee that had it.
    var chosen = select.value;
    rows().forEach(function (row) {
      var other = row.querySelector('select');
      if (other !== select && other.value === chosen) other.value = select.getAttribute('data-previous') || '';
    });
    rows().forEach(function (row) {
      var s = row.querySelector('select');
      s.setAttribute('data-previous', s.value);
    });
  });
  rows().forEach(function (row) {
    var s = row.querySelector('select');
    s.setAttribute('data-previous', s.value);
  });
})();
