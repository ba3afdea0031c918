/*
 * Sparky UI script: ANSI colours in logs, the live log, the build form, cancel/rebuild, live updates.
 * Rule: text from builds and users is only ever put into the page with textContent, never parsed as HTML;
 * the only HTML parsed here is fragments rendered (and escaped) by the server's own templates.
 */
(function () {
  'use strict';

  // The path prefix the UI is served under (SPARKY_HTTP_ROOT), from the page's meta tag: every URL below starts with it.
  function root() {
    var m = document.querySelector('meta[name="sparky-root"]');
    return m ? m.getAttribute('content') : '';
  }

  // ---- ANSI SGR rendering -------------------------------------------------------------------------
  function AnsiLog(pre) {
    this.pre = pre;
    this.pending = '';
    this.reset();
  }
  AnsiLog.prototype.reset = function () {
    this.fg = null; this.bg = null; this.color = null; this.background = null;
    this.bold = false; this.dim = false; this.italic = false; this.underline = false;
  };
  // The log is scanned once, left to right, without regular expressions: a line of a million escape
  // characters without their ends must not take quadratic time (it would freeze the page).
  var ESC = '\x1b';
  function isParam(ch) { return (ch >= '0' && ch <= '9') || ch === ';' || ch === '?'; }
  function isLetter(ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'); }
  AnsiLog.prototype.feed = function (text) {
    var s = this.pending + text;
    this.pending = '';
    // An escape sequence cut at the end of a chunk (ESC, or ESC [ and parameters) waits for the next chunk.
    var esc = s.lastIndexOf(ESC);
    if (esc >= 0) {
      var k = esc + 1;
      if (k < s.length && s[k] === '[') {
        k++;
        while (k < s.length && isParam(s[k])) { k++; }
      }
      if (k === s.length) {
        this.pending = s.slice(esc);
        s = s.slice(0, esc);
      }
    }
    // CSI sequences (ESC [ parameters letter): SGR ('m') sets the style, the others are dropped.
    var last = 0, i = 0;
    while ((i = s.indexOf(ESC, i)) >= 0) {
      if (s[i + 1] !== '[') { i++; continue; }
      var end = i + 2;
      while (end < s.length && isParam(s[end])) { end++; }
      if (end < s.length && isLetter(s[end])) {
        this.append(s.slice(last, i));
        if (s[end] === 'm') { this.apply(s.slice(i + 2, end)); }
        last = i = end + 1;
      } else {
        i++; // not a sequence: its characters are text (the next ESC is at or after end)
      }
    }
    this.append(s.slice(last));
  };
  // What append draws of a piece of text: OSC sequences (ESC ] ... BEL: window titles) and every other
  // two-character escape are left out, and so are carriage returns. One pass each, linear.
  function printable(text) {
    if (text.indexOf(ESC) < 0 && text.indexOf('\r') < 0) { return text; }
    var out = '', i = 0, bel = -2;
    while (i < text.length) {
      if (text[i] === ESC && text[i + 1] === ']') {
        if (bel !== -1 && bel < i + 2) { bel = text.indexOf('\x07', i + 2); }
        if (bel !== -1) { i = bel + 1; continue; }
      }
      out += text[i];
      i++;
    }
    var kept = '';
    for (i = 0; i < out.length; i++) {
      var ch = out[i];
      if (ch === ESC && i + 1 < out.length && !isLineEnd(out[i + 1])) { i++; continue; }
      if (ch !== '\r') { kept += ch; }
    }
    return kept;
  }
  function isLineEnd(ch) { return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029'; }
  AnsiLog.prototype.apply = function (params) {
    var codes = params === '' ? [0] : params.split(';').map(function (c) { return parseInt(c, 10) || 0; });
    for (var i = 0; i < codes.length; i++) {
      var c = codes[i];
      if (c === 0) { this.reset(); }
      else if (c === 1) { this.bold = true; } else if (c === 2) { this.dim = true; }
      else if (c === 3) { this.italic = true; } else if (c === 4) { this.underline = true; }
      else if (c === 22) { this.bold = false; this.dim = false; } else if (c === 23) { this.italic = false; }
      else if (c === 24) { this.underline = false; }
      else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) { this.fg = c; this.color = null; }
      else if (c === 39) { this.fg = null; this.color = null; }
      else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) { this.bg = c; this.background = null; }
      else if (c === 49) { this.bg = null; this.background = null; }
      else if (c === 38 || c === 48) {
        var rgb = null;
        if (codes[i + 1] === 5) { rgb = xterm256(codes[i + 2]); i += 2; }
        else if (codes[i + 1] === 2) { rgb = 'rgb(' + (codes[i + 2] & 255) + ',' + (codes[i + 3] & 255) + ',' + (codes[i + 4] & 255) + ')'; i += 4; }
        if (c === 38) { this.fg = null; this.color = rgb; } else { this.bg = null; this.background = rgb; }
      }
    }
  };
  function xterm256(n) {
    n = n & 255;
    var base = ['#000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
      '#666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#fff'];
    if (n < 16) { return base[n]; }
    if (n >= 232) { var g = 8 + (n - 232) * 10; return 'rgb(' + g + ',' + g + ',' + g + ')'; }
    n -= 16;
    var v = [0, 95, 135, 175, 215, 255];
    return 'rgb(' + v[Math.floor(n / 36)] + ',' + v[Math.floor(n / 6) % 6] + ',' + v[n % 6] + ')';
  }
  AnsiLog.prototype.append = function (text) {
    // Other escape sequences (titles, cursor moves) and carriage returns are not drawn.
    text = printable(text);
    if (!text) { return; }
    var cls = [];
    if (this.fg) { cls.push('ansi-fg-' + this.fg); }
    if (this.bg) { cls.push('ansi-bg-' + this.bg); }
    if (this.bold) { cls.push('ansi-bold'); } if (this.dim) { cls.push('ansi-dim'); }
    if (this.italic) { cls.push('ansi-italic'); } if (this.underline) { cls.push('ansi-underline'); }
    var className = cls.join(' ');
    var lastSpan = this.pre.lastElementChild;
    if (lastSpan && lastSpan.className === className && !this.color && !this.background
        && !lastSpan.style.color && !lastSpan.style.background) {
      lastSpan.appendChild(document.createTextNode(text));
      return;
    }
    var span = document.createElement('span');
    if (className) { span.className = className; }
    if (this.color) { span.style.color = this.color; }
    if (this.background) { span.style.background = this.background; }
    span.textContent = text;
    this.pre.appendChild(span);
  };
  window.SparkyAnsiLog = AnsiLog;

  // ---- small helpers ------------------------------------------------------------------------------
  function flash(message, level) {
    var box = document.getElementById('flash');
    if (!box) { return; }
    box.className = 'notification is-' + (level || 'info');
    box.textContent = message;
  }
  function problemText(response) {
    return response.text().then(function (body) {
      try { var p = JSON.parse(body); return p.detail || p.title || body; } catch (e) { return body || ('HTTP ' + response.status); }
    });
  }
  // With auth on, every write from a page carries the session's CSRF token (from the page's meta tag).
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }
  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = csrfToken();
    if (token) { headers['X-CSRF-Token'] = token; }
    return fetch(url, {
      method: 'POST',
      headers: headers,
      credentials: 'same-origin',
      body: JSON.stringify(body || {})
    });
  }
  // After a trigger: wait until the dispatcher knows the build, then open its report.
  function openWhenQueued(project, jobId, triesLeft) {
    fetch(root() + '/api/v1/projects/' + encodeURIComponent(project) + '/jobs/' + encodeURIComponent(jobId),
      { headers: { 'Accept': 'application/json' } }).then(function (r) {
      if (r.ok) { return r.json().then(function (b) { window.location.href = root() + '/builds/' + b.id; }); }
      if (triesLeft > 0) { setTimeout(function () { openWhenQueued(project, jobId, triesLeft - 1); }, 500); }
      else { flash('Build ' + jobId + ' is accepted and waits for the dispatcher.', 'warning'); }
    });
  }
  function trigger(url, body) {
    return post(url, body).then(function (r) {
      if (r.status === 202) {
        return r.json().then(function (a) {
          flash('Build queued: job id ' + a.jobId, 'success');
          openWhenQueued(a.project, a.jobId, 60);
        });
      }
      return problemText(r).then(function (t) { flash(t, 'danger'); });
    }).catch(function (e) { flash('Request failed: ' + e, 'danger'); });
  }

  // ---- the build form and "Build now" buttons --------------------------------------------------------
  function formParams(form) {
    var params = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      var kind = el.getAttribute('data-kind');
      if (!kind || kind === 'description') { return; }
      if (kind === 'checkbox') { params[el.name] = el.checked ? 'true' : 'false'; }
      else if (kind === 'select') {
        params[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; }).join(',');
      } else if (kind === 'password') { if (el.value !== '') { params[el.name] = el.value; } }
      else { params[el.name] = el.value; }
    });
    return params;
  }

  function setup() {
    var burger = document.querySelector('.navbar-burger');
    if (burger) {
      burger.addEventListener('click', function () {
        burger.classList.toggle('is-active');
        document.getElementById(burger.getAttribute('data-target')).classList.toggle('is-active');
      });
    }
    var form = document.getElementById('build-form');
    if (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var project = form.getAttribute('data-project');
        var description = form.elements.namedItem('description').value;
        trigger(root() + '/api/v1/projects/' + encodeURIComponent(project) + '/builds',
          { params: formParams(form), description: description || null });
      });
    }
    // Delegated: project rows are replaced by live updates, their buttons with them.
    document.addEventListener('click', function (ev) {
      var b = ev.target.closest ? ev.target.closest('[data-build-now]') : null;
      if (b) {
        trigger(root() + '/api/v1/projects/' + encodeURIComponent(b.getAttribute('data-build-now')) + '/builds', {});
      }
    });
    document.querySelectorAll('[data-cancel]').forEach(function (b) {
      b.addEventListener('click', function () {
        post(root() + '/api/v1/builds/' + b.getAttribute('data-cancel') + '/cancel').then(function (r) {
          if (r.status === 202) { flash('Cancel requested.', 'info'); b.disabled = true; }
          else { problemText(r).then(function (t) { flash(t, 'danger'); }); }
        });
      });
    });
    document.querySelectorAll('[data-rebuild]').forEach(function (b) {
      b.addEventListener('click', function () {
        trigger(root() + '/api/v1/builds/' + b.getAttribute('data-rebuild') + '/rebuild');
      });
    });
    var filter = document.getElementById('project-filter');
    if (filter) {
      filter.addEventListener('input', function () {
        var f = filter.value.toLowerCase();
        document.querySelectorAll('#projects tbody tr').forEach(function (tr) {
          tr.style.display = tr.getAttribute('data-name').toLowerCase().indexOf(f) >= 0 ? '' : 'none';
        });
      });
    }
    document.querySelectorAll('#report-tabs li').forEach(function (li) {
      li.addEventListener('click', function () {
        document.querySelectorAll('#report-tabs li').forEach(function (o) {
          o.classList.toggle('is-active', o === li);
          document.getElementById(o.getAttribute('data-tab')).classList.toggle('is-hidden', o !== li);
        });
      });
    });
    followLog();
    liveUpdates();
  }

  // ---- the live log ---------------------------------------------------------------------------------
  var TAG = { succeeded: 'is-success', failed: 'is-danger', running: 'is-info', queued: 'is-warning',
    cancelled: 'is-dark', timed_out: 'is-dark' };
  function showState(state) {
    var tag = document.getElementById('build-state');
    if (!tag || !state) { return; }
    tag.textContent = state.replace('_', ' ');
    tag.className = 'tag is-medium ' + (TAG[state] || 'is-light');
    var cancel = document.querySelector('[data-cancel]');
    if (cancel && state !== 'queued' && state !== 'running') { cancel.disabled = true; }
  }
  var LOG_PAGE = 256 * 1024;
  function offerEarlier(pre, build, start) {
    var box = document.getElementById('log-earlier');
    var button = document.getElementById('load-earlier');
    if (!box || !button) { return; }
    box.classList.remove('is-hidden');
    button.addEventListener('click', function () {
      var from = start > LOG_PAGE ? start - LOG_PAGE : 0;
      button.disabled = true;
      fetch(root() + '/api/v1/builds/' + build + '/log?attempt=all&offset=' + from + '&limit=' + (start - from))
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (text) {
          var holder = document.createElement('div');
          new AnsiLog(holder).feed(text);
          while (holder.lastChild) { pre.insertBefore(holder.lastChild, pre.firstChild); }
          start = from;
          button.disabled = false;
          if (start === 0) { box.classList.add('is-hidden'); }
        })
        .catch(function () { button.disabled = false; });
    });
  }
  function followLog() {
    var pre = document.getElementById('log');
    if (!pre || !window.EventSource) { return; }
    var log = new AnsiLog(pre);
    var status = document.getElementById('log-status');
    var follow = document.getElementById('follow-tail');
    // A long log is shown from its tail (the last 256 KiB); earlier output is loaded on demand, page by
    // page, so a 100 MB log never lands in the browser at once.
    var build = encodeURIComponent(pre.getAttribute('data-build'));
    var size = parseInt(pre.getAttribute('data-log-bytes') || '0', 10);
    var start = size > LOG_PAGE ? size - LOG_PAGE : 0;
    if (start > 0) { offerEarlier(pre, build, start); }
    var es = openStream(root() + '/api/v1/builds/' + build + '/log/stream' + (start > 0 ? '?offset=' + start : ''));
    es.addEventListener('log', function (e) {
      log.feed(JSON.parse(e.data));
      if (follow && follow.checked) { pre.scrollTop = pre.scrollHeight; }
      status.textContent = '';
    });
    es.addEventListener('end', function (e) {
      es.close();
      var state = JSON.parse(e.data);
      showState(state);
      status.textContent = 'Build ' + state.replace('_', ' ') + '. Reload the page for the final details.';
    });
    es.addEventListener('unavailable', function (e) {
      es.close();
      status.textContent = JSON.parse(e.data);
    });
    es.onerror = function () { status.textContent = 'connection lost, reconnecting...'; };
  }

  // ---- open streams and the back/forward cache ------------------------------------------------------
  // A page kept in the back/forward cache keeps its EventSource connections open; browsers allow about six
  // per host, so after a few clicks no page would load. Close every stream when the page is hidden and
  // reload a page that comes back from the cache, so it is live again.
  var streams = [];
  function openStream(url) {
    var es = new EventSource(url);
    streams.push(es);
    return es;
  }
  window.addEventListener('pagehide', function () {
    streams.forEach(function (es) { es.close(); });
    streams = [];
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted) { location.reload(); }
  });

  // ---- live updates from /api/v1/events -------------------------------------------------------------
  // Each build event re-fetches only the fragment it changed (a table row, a small block), rendered and
  // escaped by the server's templates. Fragments are parsed with DOMParser and moved in as nodes; text
  // from builds is never assembled into HTML here.
  var timers = {};
  function later(key, ms, fn) {
    if (timers[key]) { return; }
    timers[key] = setTimeout(function () { delete timers[key]; fn(); }, ms);
  }
  function fetchHtml(url) {
    return fetch(url, { headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .catch(function () { return null; });
  }
  function rowsOf(html) {
    var doc = new DOMParser().parseFromString('<table><tbody>' + html + '</tbody></table>', 'text/html');
    return Array.prototype.slice.call(doc.querySelectorAll('tbody > tr'));
  }
  function blockOf(html) {
    return new DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
  }
  function replaceBlock(id, url) {
    fetchHtml(url).then(function (html) {
      var old = document.getElementById(id);
      var fresh = html === null ? null : blockOf(html);
      if (old && fresh) { old.replaceWith(fresh); }
    });
  }
  function fillRows(tbody, url) {
    fetchHtml(url).then(function (html) {
      if (html === null) { return; }
      var rows = rowsOf(html);
      if (rows.length === 0) { return; }
      while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
      rows.forEach(function (r) { tbody.appendChild(r); });
      applyFilter();
    });
  }

  function dashboard(table) {
    var tbody = table.tBodies[0];
    return {
      resync: function () {
        fillRows(tbody, root() + '/fragments/projects');
        replaceBlock('summary', root() + '/fragments/summary');
      },
      build: function (ev) {
        later('summary', 500, function () { replaceBlock('summary', root() + '/fragments/summary'); });
        later('project:' + ev.project, 300, function () {
          var old = tbody.querySelector('tr[data-name="' + CSS.escape(ev.project) + '"]');
          if (!old) { fillRows(tbody, root() + '/fragments/projects'); return; }
          fetchHtml(root() + '/fragments/projects/' + encodeURIComponent(ev.project)).then(function (html) {
            var fresh = html === null ? [] : rowsOf(html);
            if (fresh.length === 1 && old.parentNode) { old.replaceWith(fresh[0]); applyFilter(); }
          });
        });
      }
    };
  }
  function buildTable(table) {
    var tbody = table.tBodies[0];
    var project = table.getAttribute('data-project') || '';
    var withProject = table.getAttribute('data-with-project') === '1';
    var limit = parseInt(table.getAttribute('data-limit'), 10) || 50;
    var query = 'withProject=' + withProject;
    var listUrl = root() + '/fragments/builds?limit=' + limit + '&' + query + (project ? '&project=' + encodeURIComponent(project) : '');
    return {
      resync: function () { fillRows(tbody, listUrl); },
      build: function (ev) {
        if (project && ev.project !== project) { return; }
        later('build:' + ev.buildId, 200, function () {
          fetchHtml(root() + '/fragments/builds/' + ev.buildId + '?' + query).then(function (html) {
            var fresh = html === null ? [] : rowsOf(html);
            if (fresh.length !== 1) { return; }
            var old = tbody.querySelector('tr[data-build="' + ev.buildId + '"]');
            if (old) { old.replaceWith(fresh[0]); return; }
            // Only a build newer than the top row belongs on this first page; an older one is on a later page.
            var top = tbody.querySelector('tr[data-build]');
            if (top && Number(top.getAttribute('data-build')) > ev.buildId) { return; }
            var empty = tbody.querySelector('tr.empty');
            if (empty) { empty.remove(); }
            tbody.insertBefore(fresh[0], tbody.firstChild);
            while (tbody.rows.length > limit) { tbody.deleteRow(tbody.rows.length - 1); }
          });
        });
      }
    };
  }
  function projectHeading(el) {
    var url = root() + '/fragments/projects/' + encodeURIComponent(el.getAttribute('data-project')) + '/heading';
    var refresh = function () { replaceBlock('project-heading', url); };
    return { resync: refresh, build: function () { later('heading', 300, refresh); } };
  }
  function queuePage() {
    var refresh = function () { replaceBlock('queue-live', root() + '/fragments/queue'); };
    return { resync: refresh, build: function () { later('queue', 300, refresh); } };
  }
  function reportPage(pre) {
    var id = pre.getAttribute('data-build');
    var files = function () { replaceBlock('report-files', root() + '/fragments/builds/' + id + '/files'); };
    return {
      resync: files,
      build: function (ev) {
        if (String(ev.buildId) !== id) { return; }
        showState(ev.state);
        if (ev.state !== 'queued' && ev.state !== 'running') { files(); }
      }
    };
  }

  function liveUpdates() {
    var views = [];
    var filter = null;
    var table = document.querySelector('#projects[data-live]');
    if (table) { views.push(dashboard(table)); }
    var builds = document.querySelector('#builds[data-live]');
    if (builds) { views.push(buildTable(builds)); }
    var heading = document.getElementById('project-heading');
    if (heading) { views.push(projectHeading(heading)); filter = heading.getAttribute('data-project'); }
    if (document.getElementById('queue-live')) { views.push(queuePage()); }
    var pre = document.getElementById('log');
    if (pre) { views.push(reportPage(pre)); filter = pre.getAttribute('data-project'); }
    if (views.length === 0 || !window.EventSource) { return; }
    var url = root() + '/api/v1/events' + (filter ? '?project=' + encodeURIComponent(filter) : '');
    var connectedBefore = false;
    function connect() {
      var es = openStream(url);
      // "ready" comes on every (re)connect: after a break, reload what may have changed meanwhile.
      es.addEventListener('ready', function () {
        if (connectedBefore) { views.forEach(function (v) { v.resync(); }); }
        connectedBefore = true;
      });
      es.addEventListener('build', function (e) {
        var ev;
        try { ev = JSON.parse(e.data); } catch (x) { return; }
        views.forEach(function (v) { v.build(ev); });
      });
      es.onerror = function () {
        // The browser retries by itself unless the answer was not an event stream (a proxy error page):
        // then start over a little later.
        if (es.readyState === EventSource.CLOSED) { setTimeout(connect, 5000); }
      };
    }
    connect();
  }

  function applyFilter() {
    var filter = document.getElementById('project-filter');
    if (filter) { filter.dispatchEvent(new Event('input')); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', setup); } else { setup(); }
})();
