// The log view's ANSI renderer (AnsiLog in sparky.js) on node, with a minimal DOM: it renders what the
// former regular-expression version rendered, and a long adversarial line in linear time.
// Run by AnsiLogScriptTest (JUnit) as: node --test ansi-log.test.js <path of sparky.js>
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const vm = require('node:vm');

const script = fs.readFileSync(process.env.SPARKY_JS, 'utf8');

// ---- a DOM just large enough for AnsiLog: elements with className, style, text children ----------
function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
class Text { constructor(t) { this.text = t; } html() { return escapeHtml(this.text); } }
class Element {
  constructor() { this.className = ''; this.style = {}; this.children = []; }
  set textContent(t) { this.children = [new Text(t)]; }
  get textContent() { return this.children.map((c) => (c instanceof Text ? c.text : c.textContent)).join(''); }
  get lastElementChild() {
    for (let i = this.children.length - 1; i >= 0; i--) { if (this.children[i] instanceof Element) { return this.children[i]; } }
    return null;
  }
  appendChild(c) { this.children.push(c); return c; }
  html() {
    return this.children.map((c) => {
      if (c instanceof Text) { return c.html(); }
      const style = (c.style.color ? 'color:' + c.style.color + ';' : '') + (c.style.background ? 'background:' + c.style.background + ';' : '');
      return '<span' + (c.className ? ' class="' + c.className + '"' : '') + (style ? ' style="' + style + '"' : '') + '>' + c.html() + '</span>';
    }).join('');
  }
}
const noop = () => {};
const document = {
  readyState: 'loading', // setup() waits for DOMContentLoaded, which never comes here
  addEventListener: noop,
  createElement: () => new Element(),
  createTextNode: (t) => new Text(t),
};
const window = { addEventListener: noop };
vm.runInNewContext(script, { window, document, setTimeout, EventSource: undefined, fetch: undefined });
const AnsiLog = window.SparkyAnsiLog;

function render(LogClass, ...chunks) {
  const pre = new Element();
  const log = new LogClass(pre);
  chunks.forEach((c) => log.feed(c));
  return pre.html();
}

// ---- the former renderer, regular expressions and all, to compare against ------------------------
function Legacy(pre) { AnsiLog.call(this, pre); }
Legacy.prototype = Object.create(AnsiLog.prototype);
Legacy.prototype.feed = function (text) {
  let s = this.pending + text;
  this.pending = '';
  const cut = s.match(/\x1b(\[[0-9;?]*)?$/);
  if (cut) { this.pending = cut[0]; s = s.slice(0, s.length - cut[0].length); }
  const re = /\x1b\[([0-9;?]*)([A-Za-z])/g;
  let last = 0, m;
  while ((m = re.exec(s)) !== null) {
    this.legacyAppend(s.slice(last, m.index));
    if (m[2] === 'm') { this.apply(m[1]); }
    last = re.lastIndex;
  }
  this.legacyAppend(s.slice(last));
};
Legacy.prototype.legacyAppend = function (text) {
  text = text.replace(/\x1b\][^\x07]*\x07/g, '').replace(/\x1b./g, '').replace(/\r(?!\n)/g, '').replace(/\r\n/g, '\n');
  if (!text) { return; }
  const cls = [];
  if (this.fg) { cls.push('ansi-fg-' + this.fg); }
  if (this.bg) { cls.push('ansi-bg-' + this.bg); }
  if (this.bold) { cls.push('ansi-bold'); } if (this.dim) { cls.push('ansi-dim'); }
  if (this.italic) { cls.push('ansi-italic'); } if (this.underline) { cls.push('ansi-underline'); }
  const className = cls.join(' ');
  const lastSpan = this.pre.lastElementChild;
  if (lastSpan && lastSpan.className === className && !this.color && !this.background
      && !lastSpan.style.color && !lastSpan.style.background) {
    lastSpan.appendChild(document.createTextNode(text));
    return;
  }
  const span = document.createElement('span');
  if (className) { span.className = className; }
  if (this.color) { span.style.color = this.color; }
  if (this.background) { span.style.background = this.background; }
  span.textContent = text;
  this.pre.appendChild(span);
};

test('colours, bold and reset are rendered as classes, other text escaped', () => {
  const html = render(AnsiLog, 'plain \x1b[1;31mbold red\x1b[0m <b>&</b> \x1b[38;5;196mx\x1b[39m\r\n');
  assert.strictEqual(html, '<span>plain </span><span class="ansi-fg-31 ansi-bold">bold red</span>'
    + '<span> &lt;b&gt;&amp;&lt;/b&gt; </span><span style="color:rgb(255,0,0);">x</span><span>\n</span>');
});

test('a sequence cut between two chunks waits for its end', () => {
  assert.strictEqual(render(AnsiLog, 'a\x1b[3', '2mgreen'), '<span>a</span><span class="ansi-fg-32">green</span>');
  assert.strictEqual(render(AnsiLog, 'a\x1b', ']0;title\x07b'), '<span>ab</span>');
});

test('window titles, cursor moves and carriage returns are left out', () => {
  // ESC ( B (a character set) loses its first two characters only, as it always did
  assert.strictEqual(render(AnsiLog, '\x1b]0;title\x07a\x1b[2Kb\x1b(Bc\rd\r\ne'), '<span>abBcd\ne</span>');
});

test('renders what the former renderer rendered, on random logs cut at random places', () => {
  const alphabet = ['\x1b', '\x1b', '[', ']', '\x07', '0', '1', '3', '8', ';', '5', '2', '?', 'm', 'H', 'a', '<', '&',
    '\r', '\n', '\u2028', ' '];
  let seed = 42;
  const random = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let round = 0; round < 3000; round++) {
    let s = '';
    const length = random(40);
    for (let i = 0; i < length; i++) { s += alphabet[random(alphabet.length)]; }
    const chunks = [];
    let at = 0;
    while (at < s.length) { const n = 1 + random(12); chunks.push(s.slice(at, at + n)); at += n; }
    assert.strictEqual(render(AnsiLog, ...chunks), render(Legacy, ...chunks), JSON.stringify(chunks));
  }
});

test('100k escape sequences without their ends render promptly and as what is left of them', () => {
  // Each ESC [ is text (no letter ends it) and ESC with the character after it is not drawn; the last one
  // is ended by the 'e' of "end", a sequence left out.
  const csi = '\x1b['.repeat(100000) + 'end';
  assert.strictEqual(render(AnsiLog, csi), '<span>nd</span>');
  assert.strictEqual(render(AnsiLog, csi.slice(0, 60000), csi.slice(60000)), '<span>nd</span>');
  // OSC sequences that never end (no BEL): the quadratic case of the former renderer
  const osc = '\x1b]'.repeat(100000) + 'end';
  assert.strictEqual(render(AnsiLog, osc), '<span>end</span>');
  const titled = 'a' + '\x1b]'.repeat(100000) + '\x07b';
  assert.strictEqual(render(AnsiLog, titled), '<span>ab</span>');
  // long parameter lists with no final letter but the last ('x'), which ends a sequence left out
  const params = ('\x1b[' + '1;'.repeat(50)).repeat(2000) + 'x';
  assert.strictEqual(render(AnsiLog, params), '<span>' + ('1;'.repeat(50)).repeat(1999) + '</span>');
});
