// The turnout in place while voting is open: every few seconds the same console page is fetched
// and the count of ballots cast (never more: the page has no counts before the close) replaces
// the one shown; the live region announces it. Once voting has closed the page says so and the
// polling stops; the "Refresh" link does the same without scripts.
(function () {
  'use strict';

  var box = /** @type {HTMLElement | null} */ (document.querySelector('[data-turnout]'));
  if (!box) return;
  var text = /** @type {HTMLElement} */ (box.querySelector('[data-turnout-text]'));
  var bar = /** @type {HTMLProgressElement} */ (box.querySelector('progress'));
  var EVERY_MS = 10000;
  var timer = setInterval(refresh, EVERY_MS);

  function refresh() {
    fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.querySelector('[data-turnout]');
        if (!fresh) {
          // Voting closed: say where the award stands now; the count is a reload away.
          clearInterval(timer);
          var phase = doc.querySelector('.status-box');
          if (phase) text.textContent = phase.textContent;
          return;
        }
        var freshText = fresh.querySelector('[data-turnout-text]');
        var freshBar = /** @type {HTMLProgressElement | null} */ (fresh.querySelector('progress'));
        if (freshText && freshText.textContent !== text.textContent) text.textContent = freshText.textContent;
        if (freshBar) {
          bar.max = freshBar.max;
          bar.value = freshBar.value;
          bar.textContent = freshBar.textContent;
        }
      })
      .catch(function () {
        // A dropped request: the next tick tries again.
      });
  }
})();
