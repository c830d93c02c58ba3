// The AIGuardian console: plain browser JavaScript, no framework and no build step, so the gateway's
// jar serves it as it is, offline. It calls the public API with the key the user enters: it shows
// exactly what a client gets. All text from answers goes in as textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
/* global el */ // dom.js

function authHeaders() {
  const key = $('key').value.trim();
  return key ? { Authorization: 'Bearer ' + key } : {};
}

// ---- tabs (WAI-ARIA tabs pattern: arrows move between tabs, Enter/Space or click selects) ----
const tabs = [...document.querySelectorAll('[role=tab]')];
function select(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (tab.id === 'tab-live') live.start(); else live.stopPolling();
}
tabs.forEach((t, i) => {
  t.addEventListener('click', () => select(t));
  t.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step) {
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      select(next);
      e.preventDefault();
    }
  });
});

// ---- Try ----
const turns = [];

$('try-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const guards = [...document.querySelectorAll('input[name=guard]:checked')].map((i) => i.value);
  if (guards.length === 0) {
    $('call-line').textContent = 'Pick at least one guard.';
    return;
  }
  const text = $('text').value;
  let payload = { text };
  const extra = $('extra').value.trim();
  if (extra) {
    try {
      payload = Object.assign(JSON.parse(extra), payload);
    } catch (err) {
      $('call-line').textContent = 'More payload options: not a JSON object (' + err.message + ')';
      return;
    }
  }
  if ($('model').value.trim()) payload.model = $('model').value.trim();
  if ($('redaction').value) payload.redaction = $('redaction').value;
  const body = { payload, user_id: $('user').value || undefined, session_id: $('session').value || undefined,
    fail_open: $('fail-open').checked, priority: Number($('priority').value) || 5 };
  const path = guards.length === 1 ? '/api/v1/guards/process' : '/api/v1/guards/pipeline';
  if (guards.length === 1) body.service_type = guards[0]; else body.guards = guards;

  $('run').disabled = true;
  $('call-line').textContent = 'POST ' + path + ' …';
  const started = performance.now();
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...authHeaders() },
      body: JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    $('call-line').textContent = 'POST ' + path + ' → ' + res.status + ' in ' + Math.round(performance.now() - started) + ' ms';
    show(text, res.status, answer);
  } catch (err) {
    $('call-line').textContent = 'The gateway did not answer: ' + err.message;
  } finally {
    $('run').disabled = false;
  }
});

/** Each guard's own result: a pipeline's result.guards, or the single result itself. */
function perGuard(answer) {
  if (answer.service_type === 'pipeline') return Object.entries((answer.result || {}).guards || {});
  return answer.service_type ? [[answer.service_type, answer]] : [];
}

function verdictBadge(verdict, status) {
  const v = status === 'failed' && !verdict ? 'failed' : (verdict || status || '?');
  return el('span', { class: 'verdict ' + v }, v);
}

function show(text, status, answer) {
  $('outcome').hidden = false;
  $('raw').textContent = JSON.stringify(answer, null, 2);
  const problem = status >= 400;
  $('problem').hidden = !problem;
  if (problem) {
    $('problem').replaceChildren(el('strong', {}, (answer.title || 'Error') + ' (' + status + ')'), ': ',
      answer.detail || '');
  }
  $('verdict').replaceWith(Object.assign(verdictBadge(answer.verdict, problem ? 'failed' : answer.status), { id: 'verdict' }));
  $('score').textContent = typeof answer.score === 'number' ? answer.score.toFixed(2) : '–';
  $('timing').textContent = answer.timing ? '· ' + Number(answer.timing.total_ms).toFixed(1) + ' ms in the pipeline' : '';

  const guards = perGuard(answer);
  const spans = [];
  const cards = guards.map(([name, r]) => {
    const res = r.result || {};
    const findings = res.findings || res.issues || [];
    findings.forEach((f) => {
      const start = f.start ?? (f.location && f.location.start);
      const end = f.end ?? (f.location && f.location.end);
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
        spans.push({ start, end, guard: name, why: (f.category || f.type || '') + ': ' + (f.explanation || f.detail || '')
          + (f.suggestion ? ' Instead: ' + f.suggestion : '') });
      }
    });
    const list = el('ul');
    findings.forEach((f) => list.append(el('li', {}, (f.type || f.category) + (f.evidence ? ' — “' + f.evidence + '”' : '')
      + (typeof f.score === 'number' ? ' (' + f.score.toFixed(2) + ')' : ''))));
    const card = el('article', { class: 'guard-card', 'data-guard': name },
      el('h3', {}, name, verdictBadge(r.verdict, r.status)),
      el('p', { class: 'small' }, 'score ' + (typeof r.score === 'number' ? r.score.toFixed(2) : '–')
        + (r.error ? ' · ' + r.error.type + ': ' + r.error.message : '')));
    if (findings.length) card.append(list);
    if (name === 'contextguard' && typeof res.drift_score === 'number') {
      card.append(el('p', { class: 'small' }, 'drift score ' + res.drift_score.toFixed(2) + (res.drift ? ' — drift' : '')));
    }
    return card;
  });
  $('guards').replaceChildren(...cards);
  $('highlighted').replaceChildren(...highlight(text, spans));

  const trust = guards.find(([n]) => n === 'trustguard');
  const bias = guards.find(([n]) => n === 'biasguard');
  const redaction = trust && trust[1].result && trust[1].result.redacted_text;
  const redacted = redaction !== text ? redaction : null;
  const rewrite = bias && bias[1].result && bias[1].result.rewritten_text;
  const rewritten = rewrite !== text ? rewrite : null;
  $('redacted-box').hidden = !(redacted || rewritten);
  $('redacted').textContent = [redacted, rewritten && ('Neutral rewrite: ' + rewritten)].filter(Boolean).join('\n\n');

  const tokens = guards.find(([n]) => n === 'tokenguard');
  $('tokens-box').hidden = !tokens;
  if (tokens) {
    const t = tokens[1].result || {};
    $('tokens').textContent = (t.token_count ?? '?') + ' tokens (' + (t.encoding || '?') + ')'
      + (typeof t.estimated_cost_usd === 'number' ? ' · about $' + t.estimated_cost_usd.toFixed(6) + (t.model ? ' on ' + t.model : '') : '')
      + (t.tokens_saved ? ' · optimisation saves ' + t.tokens_saved : '');
  }

  const context = guards.find(([n]) => n === 'contextguard');
  if (context && context[1].result) {
    turns.push({ text, drift: context[1].result.drift_score, flagged: context[1].result.drift });
    renderTurns();
  }
}

/** The text cut at every finding's edges; a piece inside findings becomes a focusable mark with its explanations. */
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => { cuts.add(Math.min(s.start, text.length)); cuts.add(Math.min(s.end, text.length)); });
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  let tip = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const id = 'tip-' + (++tip);
    out.push(el('mark', { class: 'finding ' + over.map((s) => s.guard).join(' '), tabindex: '0', 'aria-describedby': id,
      'data-start': a, 'data-end': b },
      el('span', { class: 'span-text' }, piece),
      el('span', { class: 'tip', role: 'tooltip', id }, over.map((s) => s.guard + ' — ' + s.why).join(' | '))));
  }
  return out;
}

/** A bar as wide as the score; its width set through the CSSOM, which a strict style-src allows. */
function bar(score) {
  const b = el('span', { class: 'bar' });
  b.style.width = Math.round(score * 80) + 'px';
  return b;
}

function renderTurns() {
  $('session-box').hidden = false;
  $('session-name').textContent = $('session').value;
  $('turns').replaceChildren(...turns.map((t, i) => el('tr', {},
    el('td', {}, i + 1),
    el('td', {}, t.text.length > 80 ? t.text.slice(0, 80) + '…' : t.text),
    el('td', {}, typeof t.drift === 'number' ? el('span', {}, bar(t.drift), ' ' + t.drift.toFixed(2)) : '–'),
    el('td', {}, t.flagged ? 'yes' : 'no'))));
}

// ---- Live ----
const live = (() => {
  const counts = { allow: 0, flag: 0, block: 0, failed: 0 };
  const latencies = [];
  let poll = null;
  let stream = null;

  async function services() {
    try {
      const res = await fetch('/api/v1/guards/services', { headers: authHeaders() });
      if (!res.ok) {
        $('services-line').textContent = 'services: ' + res.status;
        return;
      }
      const body = await res.json();
      $('services').replaceChildren(...Object.entries(body.services).map(([g, s]) => el('tr', { 'data-guard': g },
        el('th', { scope: 'row' }, g),
        el('td', {}, el('span', { class: 'verdict ' + (s.status === 'healthy' ? 'allow' : s.status === 'degraded' ? 'flag' : 'block') }, s.status)),
        el('td', {}, s.instances),
        el('td', {}, typeof s.p95_processing_ms === 'number' ? s.p95_processing_ms.toFixed(2) : '–'),
        el('td', {}, s.consumer_lag ?? '–'),
        el('td', {}, s.processed ?? 0))));
      $('services-line').textContent = body.healthy + ' of ' + body.total + ' guards healthy · ' + new Date().toLocaleTimeString();
    } catch (err) {
      $('services-line').textContent = 'services: ' + err.message;
    }
  }

  function onEvent(ev) {
    const kind = ev.status === 'failed' ? 'failed' : ev.verdict;
    if (kind in counts) {
      counts[kind]++;
      $('count-' + kind).textContent = counts[kind];
    }
    const ms = ev.timing ? ev.timing.total_ms : null;
    if (typeof ms === 'number') {
      latencies.push(ms);
      if (latencies.length > 60) latencies.shift();
      chart();
    }
    const row = el('tr', { 'data-request': ev.request_id },
      el('td', {}, new Date(ev.at).toLocaleTimeString()),
      el('td', {}, ev.service_type || '?'),
      el('td', {}, verdictBadge(ev.verdict, ev.status)),
      el('td', {}, typeof ev.score === 'number' ? ev.score.toFixed(2) : '–'),
      el('td', {}, typeof ms === 'number' ? ms.toFixed(1) : '–'),
      el('td', { class: 'small' }, (ev.request_id || '').slice(0, 13)));
    $('events').prepend(row);
    while ($('events').children.length > 50) $('events').lastChild.remove();
  }

  function chart() {
    const svg = $('latency');
    const max = Math.max(...latencies, 1);
    const step = latencies.length > 1 ? 300 / (latencies.length - 1) : 0;
    const pts = latencies.map((v, i) => (i * step).toFixed(1) + ',' + (78 - (v / max) * 74).toFixed(1)).join(' ');
    const ns = 'http://www.w3.org/2000/svg';
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', pts);
    const title = document.createElementNS(ns, 'title');
    title.textContent = 'Last ' + latencies.length + ' results, up to ' + max.toFixed(1) + ' ms';
    // A dot per result, so that one result shows too.
    const dots = pts.split(' ').map((p) => {
      const [x, y] = p.split(',');
      const c = document.createElementNS(ns, 'circle');
      c.setAttribute('cx', x);
      c.setAttribute('cy', y);
      c.setAttribute('r', '2.5');
      return c;
    });
    svg.replaceChildren(title, line, ...dots);
  }

  // fetch, not EventSource: EventSource cannot send the Authorization header.
  async function connect() {
    const controller = new AbortController();
    stream = controller;
    $('stream-state').textContent = 'connecting…';
    try {
      const res = await fetch('/api/v1/events', { headers: authHeaders(), signal: controller.signal });
      if (!res.ok) {
        $('stream-state').textContent = 'stream: ' + res.status;
        stream = null;
        return;
      }
      $('stream-state').textContent = 'connected: results appear as they happen';
      document.body.dataset.stream = 'open';
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (data) {
            try { onEvent(JSON.parse(data)); } catch (err) { /* not an event of ours */ }
          }
        }
      }
      $('stream-state').textContent = 'stream ended';
    } catch (err) {
      if (err.name !== 'AbortError') $('stream-state').textContent = 'stream: ' + err.message;
    }
    if (stream === controller) stream = null;
    document.body.dataset.stream = 'closed';
  }

  return {
    start() {
      services();
      if (!poll) poll = setInterval(services, 3000);
      if (!stream && $('stream-toggle').dataset.paused !== 'true') connect();
    },
    stopPolling() {
      clearInterval(poll);
      poll = null;
    },
    toggle() {
      const btn = $('stream-toggle');
      if (stream) {
        stream.abort();
        stream = null;
        btn.dataset.paused = 'true';
        btn.textContent = 'Resume stream';
        $('stream-state').textContent = 'paused';
      } else {
        btn.dataset.paused = 'false';
        btn.textContent = 'Pause stream';
        connect();
      }
    },
  };
})();
$('stream-toggle').addEventListener('click', () => live.toggle());
