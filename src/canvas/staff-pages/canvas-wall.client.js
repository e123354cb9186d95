// Plenary facilitator's wall. Every control is a plain form that works without this script;
// with it, notes drag between sections (posting the same "move" form), and the board follows
// the live stream: on each change it reads the page again and swaps the board in place.
(function () {
  'use strict';
  var body = document.body;
  var streamUrl = body.getAttribute('data-stream');
  if (!streamUrl) return;

  function region() {
    return document.getElementById('live-region');
  }

  var refreshing = null;
  var pending = false;
  /** @type {HTMLFormElement | null} */
  var pendingOwn = null;
  /**
   * Reads the wall again and replaces the live part, keeping open menus and focus where it can.
   * `own`: the form whose post this read follows; its result shows even while focus is still in
   * it. Focus in any other of the board's forms (the person has moved on to type a timer's step,
   * or to choose where a note goes) holds the swap back until they leave that form, so what they
   * are typing or choosing is never wiped by the answer to an earlier change.
   */
  function refresh(own) {
    if (refreshing) {
      pending = true;
      pendingOwn = pendingOwn || own || null;
      return refreshing;
    }
    if (!own && waitForLeave()) return Promise.resolve();
    refreshing = fetch(window.location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live-region');
        var current = region();
        if (!fresh || !current) return;
        // What is open and focused now, not when the read began: the person may have moved on since.
        var active = document.activeElement;
        if (waitForLeave(own)) return;
        var activeId = active && active.id;
        var activeNote = active && !active.id && active.closest && active.closest('[data-note-id]');
        var activeNoteId = activeNote ? activeNote.getAttribute('data-note-id') : '';
        var openDetails = [];
        document.querySelectorAll('#live-region details[open]').forEach(function (node) {
          var note = node.closest('[data-note-id]');
          openDetails.push((note ? note.getAttribute('data-note-id') : '') + '|' + node.className);
        });
        current.replaceWith(fresh);
        openDetails.forEach(function (key) {
          var parts = key.split('|');
          var scope = parts[0] ? document.querySelector('[data-note-id="' + CSS.escape(parts[0]) + '"]') : document;
          var node = /** @type {HTMLDetailsElement | null} */ (
            scope && scope.querySelector('details.' + (parts[1] || 'x').split(' ').join('.'))
          );
          if (node) node.open = true;
        });
        var focused = /** @type {HTMLElement | null} */ (
          activeId
            ? document.getElementById(activeId)
            : activeNoteId && document.querySelector('[data-note-id="' + CSS.escape(activeNoteId) + '"] summary')
        );
        if (focused) focused.focus();
        wire();
        startTimer();
      })
      .catch(function () {})
      .then(function () {
        refreshing = null;
        if (pending) {
          var next = pendingOwn;
          pending = false;
          pendingOwn = null;
          refresh(next || undefined);
        }
      });
    return refreshing;
  }

  /**
   * Someone working in one of the board's forms keeps their choice and their place: the board is
   * read again once focus leaves that form (true: waiting for that). `except`: the form just
   * posted, whose result may replace it.
   */
  function waitForLeave(except) {
    var active = document.activeElement;
    var current = region();
    var form = active && current && current.contains(active) ? active.closest('form') : null;
    if (!form || form === except) return false;
    if (!form.hasAttribute('data-waiting')) {
      form.setAttribute('data-waiting', '');
      var onLeave = function () {
        setTimeout(function () {
          if (form.contains(document.activeElement)) return;
          form.removeEventListener('focusout', onLeave);
          form.removeAttribute('data-waiting');
          refresh();
        }, 0);
      };
      form.addEventListener('focusout', onLeave);
    }
    return true;
  }

  /** Posts one of the page's forms as the browser would, then shows the result in place. */
  function submit(form, extra) {
    // FormData of a form of text fields only, which URLSearchParams takes (the DOM types do not say so).
    var data = new URLSearchParams(/** @type {any} */ (new FormData(form)));
    Object.keys(extra || {}).forEach(function (key) {
      data.set(key, extra[key]);
    });
    return fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: data.toString(),
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var notice = doc.querySelector('.notice');
          window.alert(notice ? notice.textContent : response.statusText);
        });
      }
      return refresh(form);
    });
  }

  function wire() {
    document.querySelectorAll('#board [data-note-id]').forEach(function (note) {
      note.addEventListener('dragstart', function (/** @type {DragEvent} */ event) {
        event.dataTransfer.setData('text/plain', note.getAttribute('data-note-id'));
        event.dataTransfer.effectAllowed = 'move';
        note.classList.add('dragging');
      });
      note.addEventListener('dragend', function () {
        note.classList.remove('dragging');
      });
    });
    document.querySelectorAll('#board [data-section]').forEach(function (section) {
      section.addEventListener('dragover', function (event) {
        event.preventDefault();
        section.classList.add('drop-target');
      });
      section.addEventListener('dragleave', function () {
        section.classList.remove('drop-target');
      });
      section.addEventListener('drop', function (/** @type {DragEvent} */ event) {
        event.preventDefault();
        section.classList.remove('drop-target');
        var noteId = event.dataTransfer.getData('text/plain');
        var note = noteId && document.querySelector('[data-note-id="' + CSS.escape(noteId) + '"]');
        var key = section.getAttribute('data-section');
        if (!note || note.closest('[data-section]') === section) return;
        var form = /** @type {HTMLSelectElement | null} */ (note.querySelector('select[name="section"]'));
        if (form && form.form) submit(form.form, { section: key });
      });
    });
    // Each form posts in place; the page stays where it is.
    document.querySelectorAll('#live-region form').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        submit(form);
      });
    });
  }

  var tick;
  function startTimer() {
    clearInterval(tick);
    var node = document.getElementById('timer');
    var endsAt = node && node.getAttribute('data-ends-at');
    if (!endsAt) return;
    var ends = Date.parse(endsAt);
    var label = node.getAttribute('data-label');
    var show = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var text =
        left === 0
          ? node.getAttribute('data-up')
          : Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0') + ' ' + node.getAttribute('data-left');
      node.textContent = (label ? label + ': ' : '') + text;
      if (left === 0) clearInterval(tick);
    };
    show();
    tick = setInterval(show, 1000);
  }

  function listen() {
    if (!window.EventSource) return;
    var source = new EventSource(
      streamUrl + '?lastEventId=' + encodeURIComponent(body.getAttribute('data-seq') || '0'),
    );
    var types = [
      'note.created',
      'note.changed',
      'note.hidden',
      'note.merged',
      'note.voted',
      'canvas.closed',
      'canvas.reopened',
      'canvas.timer',
      'canvas.facilitation',
      'clusters.renamed',
      'canvas.resync',
    ];
    types.forEach(function (type) {
      source.addEventListener(type, function () {
        refresh();
      });
    });
  }

  wire();
  startTimer();
  listen();
})();
