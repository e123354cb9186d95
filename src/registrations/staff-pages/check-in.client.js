// The door page in place: the same forms as without scripts, posted with fetch so the list
// updates without a reload; a dropped post is retried with the same tap key (the server
// records each tap once); the search follows typing; the count stays live; a QR code from
// the camera is read with jsQR and checked in through the code form.
(function () {
  'use strict';

  var root = /** @type {HTMLElement | null} */ (document.querySelector('[data-check-in]'));
  if (!root) return;
  var pageUrl = root.getAttribute('data-page') || location.pathname;
  var tapStatus = /** @type {HTMLElement} */ (root.querySelector('[data-tap-status]'));
  var RETRY_MS = 2000;
  var MAX_TRIES = 5;
  var COUNT_EVERY_MS = 15000;

  /** @param {string} html */
  function parse(html) {
    return new DOMParser().parseFromString(html, 'text/html');
  }

  /** Replaces the live part (count, saved state, search, results) with the same part of a fresh page. */
  function swapLive(doc, focusSearch) {
    var fresh = doc.getElementById('door-live');
    var live = document.getElementById('door-live');
    if (!fresh || !live) return;
    var typing = document.activeElement && document.activeElement.id === 'q';
    var caret = typing ? /** @type {HTMLInputElement} */ (document.activeElement).selectionStart : null;
    var keepValue = typing ? /** @type {HTMLInputElement} */ (document.activeElement).value : null;
    live.replaceWith(fresh);
    var search = /** @type {HTMLInputElement | null} */ (document.getElementById('q'));
    if (search && typing) {
      search.value = keepValue;
      search.focus();
      if (caret !== null) search.setSelectionRange(caret, caret);
    } else if (focusSearch && search) {
      search.focus();
      search.select();
    }
    bindSearch();
  }

  function say(text) {
    if (tapStatus) tapStatus.textContent = text;
  }

  /** Posts a form in place; the redirect it answers with is followed to the page, whose live part is shown. */
  function post(form, tries) {
    var body = new URLSearchParams(/** @type {any} */ (new FormData(form)));
    var button = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type="submit"]'));
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say(tapStatus.getAttribute('data-saving'));
    return fetch(form.action, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
      .then(function (response) {
        return response.text().then(function (html) {
          say('');
          var doc = parse(html);
          if (!doc.getElementById('door-live')) {
            // Not the door page (the sign-in page, a refusal): let the browser post it and show the
            // answer. Posting again is safe: the tap key (or the undo's time) makes it change nothing more.
            form.submit();
            return;
          }
          swapLive(doc, true);
          if (form.hasAttribute('data-code-form')) {
            var code = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="code"]'));
            if (code) code.value = '';
            refreshKey(form);
          }
        });
      })
      .catch(function () {
        // The connection dropped: the same body (same tap key) again, so nothing is done twice.
        say(tapStatus.getAttribute('data-not-saved'));
        if (tries + 1 < MAX_TRIES) {
          return new Promise(function (resolve) {
            setTimeout(resolve, RETRY_MS);
          }).then(function () {
            return post(form, tries + 1);
          });
        }
        if (button) button.disabled = false;
      })
      .finally(function () {
        form.removeAttribute('aria-busy');
      });
  }

  /** A code form is used again and again at a desk: each use is a new tap with a new key. */
  function refreshKey(form) {
    var key = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="key"]'));
    if (key && typeof crypto !== 'undefined' && crypto.randomUUID) key.value = crypto.randomUUID();
  }

  document.addEventListener('submit', function (event) {
    var form = /** @type {HTMLFormElement} */ (event.target);
    if (!form || !form.hasAttribute || !form.hasAttribute('data-tap')) return;
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return; // a second tap on the same button waits for the first
    post(form, 0);
  });

  // The search follows typing (the form's button still works, and is what scripts-off uses).
  var searchTimer = 0;
  var searchSeq = 0;
  function searchNow(form) {
    var params = new URLSearchParams(/** @type {any} */ (new FormData(form)));
    var url = pageUrl + '?' + params.toString();
    var seq = ++searchSeq;
    fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (seq !== searchSeq) return; // a later search is on its way
        history.replaceState(null, '', url);
        swapLive(parse(html), false);
      })
      .catch(function () {
        /* the next keystroke or the button tries again */
      });
  }
  function bindSearch() {
    var form = /** @type {HTMLFormElement | null} */ (document.querySelector('[data-door-search]'));
    if (!form || form.hasAttribute('data-bound')) return;
    form.setAttribute('data-bound', '');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      searchNow(form);
    });
    var input = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="q"]'));
    if (input) {
      input.addEventListener('input', function () {
        clearTimeout(searchTimer);
        searchTimer = window.setTimeout(function () {
          searchNow(form);
        }, 250);
      });
    }
  }
  bindSearch();

  // The count, kept live while other desks check people in.
  setInterval(function () {
    if (document.hidden) return;
    fetch(location.href, { credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.text() : '';
      })
      .then(function (html) {
        if (!html) return;
        var fresh = parse(html).getElementById('door-count');
        var count = document.getElementById('door-count');
        if (fresh && count && fresh.textContent !== count.textContent) count.textContent = fresh.textContent;
      })
      .catch(function () {
        /* next time */
      });
  }, COUNT_EVERY_MS);

  // QR codes: the check-in code the confirmation email carries, read from the camera.
  var codeForm = /** @type {HTMLFormElement | null} */ (root.querySelector('[data-code-form]'));

  /**
   * The text of the QR code in an image, or null.
   * @param {ImageData} image
   * @returns {string | null}
   */
  function decode(image) {
    var reader = /** @type {any} */ (window).jsQR;
    if (typeof reader !== 'function') return null;
    var found = reader(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return found && found.data ? String(found.data) : null;
  }

  /** Checks in the delegate whose code this is, through the code form (as if typed). */
  function useCode(code) {
    if (!codeForm) return Promise.resolve();
    var input = /** @type {HTMLInputElement} */ (codeForm.querySelector('input[name="code"]'));
    input.value = code;
    return post(codeForm, 0);
  }

  // For the page's own scanner, and a test feeding it an image.
  /** @type {any} */ (window).plenaryCheckIn = { decode: decode, useCode: useCode };

  var scanner = /** @type {HTMLElement | null} */ (root.querySelector('[data-scanner]'));
  var media = navigator.mediaDevices;
  if (!scanner || !codeForm || !media || typeof media.getUserMedia !== 'function') return;
  scanner.hidden = false;
  var scanButton = /** @type {HTMLButtonElement} */ (scanner.querySelector('[data-scan]'));
  var video = /** @type {HTMLVideoElement} */ (scanner.querySelector('[data-scan-video]'));
  var scanStatus = /** @type {HTMLElement} */ (scanner.querySelector('[data-scan-status]'));
  var canvas = document.createElement('canvas');
  var stream = /** @type {MediaStream | null} */ (null);

  function stop() {
    if (stream)
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    stream = null;
    video.hidden = true;
    scanButton.textContent = scanButton.getAttribute('data-start');
    scanStatus.textContent = '';
  }

  function frame() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(video, 0, 0);
      var code = decode(context.getImageData(0, 0, canvas.width, canvas.height));
      if (code) {
        stop();
        useCode(code);
        return;
      }
    }
    requestAnimationFrame(frame);
  }

  scanButton.addEventListener('click', function () {
    if (stream) {
      stop();
      return;
    }
    media
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        scanButton.textContent = scanButton.getAttribute('data-stop');
        scanStatus.textContent = scanStatus.getAttribute('data-scanning');
        return video.play().then(function () {
          requestAnimationFrame(frame);
        });
      })
      .catch(function () {
        stop();
        scanStatus.textContent = scanStatus.getAttribute('data-no-camera');
      });
  });
})();
