// Plenary canvas pages: posting notes from a phone and the live wall.
// Plain JavaScript; every piece of user text goes into the page as textContent, never HTML.
(function () {
  'use strict';
  var body = document.body;
  var canvasId = body.getAttribute('data-canvas-id');
  var code = body.getAttribute('data-code');
  var page = body.getAttribute('data-page');
  // Opened from a delegate's personal page: their personal-link token (already in this page's
  // address) signs their notes and dots, as the note form without JavaScript does.
  var delegateToken = body.getAttribute('data-delegate-token');
  if (!canvasId || !code) return;
  var api = '/api/canvas-join/' + encodeURIComponent(code);
  var state = { sections: [], notes: new Map(), status: 'open' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A form control by id (the pages render each one the script reads). */
  function control(id) {
    return /** @type {HTMLInputElement} */ (document.getElementById(id));
  }

  function setStatus(text) {
    var status = document.getElementById('status');
    if (status) status.textContent = text;
  }

  function setClosed(closed) {
    state.status = closed ? 'closed' : 'open';
    var banner = document.getElementById('closed');
    if (banner) banner.hidden = !closed;
    // A closed canvas takes no notes or dots: the phone's form says so and stops sending.
    var noteForm = document.getElementById('note-form');
    var submit = noteForm && noteForm.querySelector('button');
    if (submit) submit.disabled = closed;
  }

  var timerTick;
  /** The current step's timer, counted down once a second (the end time comes from the server). */
  function showTimer(timer) {
    var node = document.getElementById('timer');
    if (!node) return;
    if (timerTick) clearInterval(timerTick);
    node.setAttribute('data-ends-at', timer ? timer.endsAt : '');
    node.setAttribute('data-label', timer && timer.label ? timer.label : '');
    if (!timer) {
      node.hidden = true;
      return;
    }
    var ends = Date.parse(timer.endsAt);
    var label = timer.label ? timer.label + ': ' : '';
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      node.textContent =
        left === 0
          ? label + node.getAttribute('data-up')
          : label + minutes + ':' + (seconds < 10 ? '0' : '') + seconds + ' ' + node.getAttribute('data-left');
      if (left === 0) clearInterval(timerTick);
    };
    node.hidden = false;
    tick();
    timerTick = setInterval(tick, 1000);
  }

  function ordered(sectionKey) {
    var list = [];
    state.notes.forEach(function (note) {
      if (note.section === sectionKey) list.push(note);
    });
    return list.sort(function (a, b) {
      var ca = a.cluster || '\uffff';
      var cb = b.cluster || '\uffff';
      if (ca !== cb) return ca < cb ? -1 : 1;
      if (a.dots !== b.dots) return b.dots - a.dots;
      return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
    });
  }

  function noteNode(note) {
    var node = el('div', 'note', note.text);
    node.setAttribute('data-note-id', note.id);
    var meta = el('div', 'meta');
    meta.appendChild(el('span', '', (note.authorName || 'Anonymous') + (note.group ? ' · ' + note.group : '')));
    var right = el('span');
    right.appendChild(el('span', 'dots', note.dots + ' ●'));
    if (page === 'join') {
      var button = el('button', 'dot', '+1 dot');
      button.type = 'button';
      button.disabled = state.status !== 'open';
      button.addEventListener('click', function () {
        vote(note.id);
      });
      right.appendChild(document.createTextNode(' '));
      right.appendChild(button);
    }
    meta.appendChild(right);
    node.appendChild(meta);
    return node;
  }

  function render() {
    state.sections.forEach(function (section) {
      var host = document.querySelector('[data-section="' + CSS.escape(section.key) + '"]');
      if (!host) return;
      var list = page === 'wall' ? host.querySelector('.notes') : host;
      if (!list) return;
      while (list.lastChild && !(page === 'join' && list.lastChild.nodeName === 'H3')) list.removeChild(list.lastChild);
      if (page === 'join' && !list.querySelector('h3')) list.appendChild(el('h3', '', section.title));
      var lastCluster = null;
      ordered(section.key).forEach(function (note) {
        if (page === 'wall' && note.cluster && note.cluster !== lastCluster) {
          lastCluster = note.cluster;
          list.appendChild(el('div', 'cluster', note.cluster));
        }
        list.appendChild(noteNode(note));
      });
    });
  }

  /** How many notes the wall's sections show now (the server's, before this script lays any out). */
  function notesOnPage() {
    var count = 0;
    state.sections.forEach(function (section) {
      var host = document.querySelector('[data-section="' + CSS.escape(section.key) + '"]');
      var list = host && host.querySelector('.notes');
      if (!list) return;
      for (var i = 0; i < list.children.length; i++) if (list.children[i].className === 'note') count++;
    });
    return count;
  }

  function upsert(note) {
    if (!note) return;
    if (note.hidden || note.mergedIntoId) state.notes.delete(note.id);
    else state.notes.set(note.id, note);
  }

  function showDotsLeft(left) {
    var node = document.getElementById('dots-left');
    if (node && typeof left === 'number') node.textContent = left + ' dots left';
  }

  /** @param {Record<string, string>} headers */
  function withDelegate(headers) {
    if (delegateToken) headers.authorization = 'Bearer ' + delegateToken;
    return headers;
  }

  function send(url, payload) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: withDelegate({ 'content-type': 'application/json', accept: 'application/json' }),
      body: JSON.stringify(payload),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(Array.isArray(data.message) ? data.message.join(' ') : data.message);
        return data;
      });
    });
  }

  function vote(noteId) {
    send(api + '/notes/' + encodeURIComponent(noteId) + '/dots', {})
      .then(function (note) {
        upsert(note);
        showDotsLeft(note.dotsLeft);
        render();
      })
      .catch(function (error) {
        setStatus(error.message);
      });
  }

  /**
   * The canvas is read again after a reveal or a rename, while the stream goes on. A read can
   * answer after newer events have arrived, so its view (which says the last change it includes)
   * is laid down first and the events newer than it are applied again on top; a read asked for
   * during another waits for it, as the one in flight may predate what it was asked for.
   */
  var reading = null;
  var readAgain = false;
  /** Whether this script has laid the notes out itself yet (rather than the server). */
  var laidOut = false;
  /** @type {Array<{ seq: number, type: string, data: any }>} */
  var sinceRead = [];

  function load() {
    if (reading) {
      readAgain = true;
      return reading;
    }
    sinceRead = [];
    reading = fetch(api, { credentials: 'same-origin', headers: withDelegate({ accept: 'application/json' }) })
      .then(function (response) {
        return response.json();
      })
      .then(function (canvas) {
        state.sections = canvas.sections;
        state.notes.clear();
        canvas.sections.forEach(function (section) {
          section.notes.forEach(upsert);
        });
        setClosed(canvas.status !== 'open');
        showTimer(canvas.timer);
        if (canvas.me) showDotsLeft(canvas.me.dotsLeft);
        var seq = Number(canvas.seq);
        var newer = sinceRead.filter(function (event) {
          return event.seq > seq;
        });
        newer.forEach(function (event) {
          apply(event.type, event.data);
        });
        // The room's wall arrives with its notes laid out by the server; while nothing has
        // changed since, laying 2,000 of them out again would only hold the first paint back.
        var asServed =
          page === 'wall' &&
          !laidOut &&
          newer.length === 0 &&
          canvas.seq === body.getAttribute('data-seq') &&
          notesOnPage() === state.notes.size;
        if (!asServed) render();
        laidOut = true;
      })
      .finally(function () {
        reading = null;
        sinceRead = [];
        if (readAgain) {
          readAgain = false;
          load();
        }
      });
    return reading;
  }

  /** One change from the stream; a reveal, names hidden or shown, a rename: read the canvas again. */
  function apply(type, data) {
    if (type === 'note.merged') {
      state.notes.delete(data.note.id);
      upsert(data.into);
    } else if (type === 'note.hidden') {
      state.notes.delete(data.note.id);
    } else if (type.indexOf('note.') === 0) {
      upsert(data.note);
    } else if (type === 'canvas.closed' || type === 'canvas.reopened') {
      setClosed(type === 'canvas.closed');
    } else if (type === 'canvas.timer') {
      showTimer(data.timer);
    }
  }

  var STREAM_EVENTS = [
    'note.created',
    'note.changed',
    'note.hidden',
    'note.merged',
    'note.voted',
    'canvas.closed',
    'canvas.reopened',
    'canvas.timer',
  ];
  // The stream replays only recent history (canvas.resync): a screen that was away longer reads
  // the canvas again, as it does when what is on the screens changes.
  var READ_AGAIN_EVENTS = ['canvas.facilitation', 'clusters.renamed', 'canvas.resync'];

  /** The last change this screen has from the stream, to carry on from if it must reconnect. */
  var lastSeen = body.getAttribute('data-seq') || '0';

  function listen() {
    if (!window.EventSource) return;
    var url =
      '/api/canvases/' +
      encodeURIComponent(canvasId) +
      '/stream?code=' +
      encodeURIComponent(code) +
      '&lastEventId=' +
      encodeURIComponent(lastSeen);
    var source = new EventSource(url);
    var seen = function (/** @type {MessageEvent} */ event) {
      if (event.lastEventId) lastSeen = event.lastEventId;
    };
    STREAM_EVENTS.forEach(function (type) {
      source.addEventListener(type, function (/** @type {MessageEvent} */ event) {
        seen(event);
        var data = JSON.parse(event.data);
        if (reading) sinceRead.push({ seq: Number(event.lastEventId), type: type, data: data });
        apply(type, data);
        render();
      });
    });
    READ_AGAIN_EVENTS.forEach(function (type) {
      source.addEventListener(type, function (/** @type {MessageEvent} */ event) {
        seen(event);
        load();
      });
    });
    // A refused reconnection (a stream limit, a restart behind a proxy) closes an EventSource
    // for good, and the screen would silently stop following; an open canvas is followed again
    // after a pause, from the last change this screen has.
    source.addEventListener('error', function () {
      if (source.readyState !== EventSource.CLOSED || state.status === 'closed') return;
      setTimeout(listen, 5000 + Math.random() * 5000);
    });
  }

  var form = document.getElementById('note-form');
  if (form) {
    var select = control('section');
    select.addEventListener('change', function () {
      var section = state.sections.find(function (s) {
        return s.key === select.value;
      });
      document.getElementById('prompt').textContent = section ? section.prompt : '';
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var payload = { section: select.value, text: control('text').value };
      // A delegate's note is signed with their name, so their page has no name field.
      var authorField = control('authorName');
      var author = authorField ? authorField.value.trim() : '';
      var group = control('group').value.trim();
      if (author) payload.authorName = author;
      if (group) payload.group = group;
      setStatus('Posting…');
      send(api + '/notes', payload)
        .then(function (note) {
          upsert(note);
          render();
          control('text').value = '';
          setStatus('Posted. Thank you!');
        })
        .catch(function (error) {
          setStatus(error.message);
        });
    });
  }

  load().then(listen, listen);
})();
