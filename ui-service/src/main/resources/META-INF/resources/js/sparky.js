/*
 * Sparky UI script: ANSI colours in logs, the live log, the build form, cancel/rebuild, live tables.
 * Rule: text from builds and users is only ever put into the page with textContent, never parsed as HTML.
 */
(function () {
  'use strict';

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
  AnsiLog.prototype.feed = function (text) {
    var s = this.pending + text;
    this.pending = '';
    // An escape sequence cut at the end of a chunk waits for the next chunk.
    var cut = s.match(/\x1b(\[[0-9;?]*)?$/);
    if (cut) {
      this.pending = cut[0];
      s = s.slice(0, s.length - cut[0].length);
    }
    var re = /\x1b\[([0-9;?]*)([A-Za-z])/g;
    var last = 0, m;
    while ((m = re.exec(s)) !== null) {
      this.append(s.slice(last, m.index));
      if (m[2] === 'm') { this.apply(m[1]); }
      last = re.lastIndex;
    }
    this.append(s.slice(last));
  };
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
    text = text.replace(/\x1b\][^\x07]*\x07/g, '').replace(/\x1b./g, '').replace(/\r(?!\n)/g, '').replace(/\r\n/g, '\n');
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
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body || {})
    });
  }
  // After a trigger: wait until the dispatcher knows the build, then open its report.
  function openWhenQueued(project, jobId, triesLeft) {
    fetch('/api/v1/projects/' + encodeURIComponent(project) + '/jobs/' + encodeURIComponent(jobId),
      { headers: { 'Accept': 'application/json' } }).then(function (r) {
      if (r.ok) { return r.json().then(function (b) { window.location.href = '/builds/' + b.id; }); }
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
        trigger('/api/v1/projects/' + encodeURIComponent(project) + '/builds',
          { params: formParams(form), description: description || null });
      });
    }
    document.querySelectorAll('[data-build-now]').forEach(function (b) {
      b.addEventListener('click', function () {
        trigger('/api/v1/projects/' + encodeURIComponent(b.getAttribute('data-build-now')) + '/builds', {});
      });
    });
    document.querySelectorAll('[data-cancel]').forEach(function (b) {
      b.addEventListener('click', function () {
        post('/api/v1/builds/' + b.getAttribute('data-cancel') + '/cancel').then(function (r) {
          if (r.status === 202) { flash('Cancel requested.', 'info'); b.disabled = true; }
          else { problemText(r).then(function (t) { flash(t, 'danger'); }); }
        });
      });
    });
    document.querySelectorAll('[data-rebuild]').forEach(function (b) {
      b.addEventListener('click', function () {
        trigger('/api/v1/builds/' + b.getAttribute('data-rebuild') + '/rebuild');
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
    liveBuilds();
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
  function followLog() {
    var pre = document.getElementById('log');
    if (!pre || !window.EventSource) { return; }
    var log = new AnsiLog(pre);
    var status = document.getElementById('log-status');
    var follow = document.getElementById('follow-tail');
    var es = new EventSource('/api/v1/builds/' + encodeURIComponent(pre.getAttribute('data-build')) + '/log/stream');
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

  // ---- recent builds, refreshed ----------------------------------------------------------------------
  function cell(tr, text, href, tagClass) {
    var td = document.createElement('td');
    var inner = td;
    if (href) { inner = document.createElement('a'); inner.href = href; td.appendChild(inner); }
    if (tagClass) { var s = document.createElement('span'); s.className = 'tag ' + tagClass; inner.appendChild(s); inner = s; }
    inner.textContent = text == null ? '' : String(text);
    tr.appendChild(td);
  }
  function liveBuilds() {
    var table = document.querySelector('#builds[data-live]');
    if (!table) { return; }
    var project = table.getAttribute('data-project');
    var url = '/api/v1/builds?limit=50' + (project ? '&project=' + encodeURIComponent(project) : '');
    setInterval(function () {
      fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (page) {
          if (!page) { return; }
          var body = document.createElement('tbody');
          page.items.forEach(function (b) {
            var tr = document.createElement('tr');
            cell(tr, '#' + b.id, '/builds/' + b.id);
            cell(tr, b.project, '/projects/' + encodeURIComponent(b.project));
            cell(tr, b.state.replace('_', ' '), null, TAG[b.state] || 'is-light');
            cell(tr, b.description);
            cell(tr, b.queuedAt ? b.queuedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC') : '');
            cell(tr, b.durationMillis != null ? (b.durationMillis / 1000).toFixed(1) + 's' : '');
            body.appendChild(tr);
          });
          table.replaceChild(body, table.tBodies[0]);
        }).catch(function () { /* keep the last good table */ });
    }, 5000);
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', setup); } else { setup(); }
})();
