'use strict';
// The fnkit gateway UI. Everything it shows comes from the admin API, called with the admin token as a bearer
// token; the token is kept in this tab's sessionStorage only.
(function () {
  const TOKEN_KEY = 'fnkit-admin-token';
  const SAMPLES = 90;
  const $ = (id) => document.getElementById(id);
  const history = { instances: [], rps: [] };
  let previous = null;
  let timer = null;
  let follow = null;

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  async function problemText(response) {
    const text = await response.text();
    try {
      const problem = JSON.parse(text);
      if (problem && (problem.detail || problem.title)) {
        return response.status + ' ' + (problem.title || '') + (problem.detail ? ': ' + problem.detail : '');
      }
    } catch (ignored) { /* not JSON */ }
    return response.status + ' ' + (text || response.statusText);
  }

  async function api(path, options) {
    const request = Object.assign({ method: 'GET' }, options || {});
    request.headers = Object.assign({ authorization: 'Bearer ' + token() }, request.headers || {});
    const response = await fetch(path, request);
    if (!response.ok) {
      const error = new Error(await problemText(response));
      error.status = response.status;
      throw error;
    }
    return response;
  }

  async function json(path, options) { return (await api(path, options)).json(); }

  function setStatus(text, error) {
    const status = $('status');
    status.textContent = text;
    status.className = error ? 'error' : '';
  }

  function cell(row, text, numeric) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) { td.className = 'num'; }
    row.appendChild(td);
    return td;
  }

  function state(fn) {
    const f = fn.fnkit || {};
    if ((f.ready || 0) > 0) { return 'ready'; }
    if ((f.starting || 0) > 0) { return 'starting'; }
    if ((f.desired || 0) === 0) { return 'scaled to zero'; }
    return 'waiting';
  }

  function millis(value) { return value ? value.toFixed(value < 10 ? 2 : 0) + ' ms' : '-'; }

  function renderFunctions(functions, usage) {
    const body = $('functions').querySelector('tbody');
    body.replaceChildren();
    const select = $('logs-function');
    const chosen = select.value;
    select.replaceChildren(new Option('every function', ''));
    for (const fn of functions) {
      const used = (usage.functions || {})[fn.name] || {};
      const row = document.createElement('tr');
      row.dataset.function = fn.name;
      cell(row, fn.name);
      cell(row, state(fn));
      cell(row, String((fn.fnkit || {}).instances ? fn.fnkit.instances.length : fn.availableReplicas || 0), true);
      cell(row, String(used.invocations || 0), true);
      cell(row, used.invocations ? (100 * used.errors / used.invocations).toFixed(1) + ' %' : '-', true);
      cell(row, millis(used.p50Millis), true);
      cell(row, millis(used.p99Millis), true);
      cell(row, String(used.coldStarts || 0), true);
      body.appendChild(row);
      select.appendChild(new Option(fn.name, fn.name));
    }
    select.value = chosen;
  }

  function sample(functions, usage) {
    const now = Date.now();
    const instances = functions.reduce((sum, fn) => sum + ((fn.fnkit || {}).instances || []).length, 0);
    const invocations = Object.values(usage.functions || {}).reduce((sum, u) => sum + (u.invocations || 0), 0);
    const rps = previous && now > previous.time
      ? Math.max(0, (invocations - previous.invocations) * 1000 / (now - previous.time)) : 0;
    previous = { time: now, invocations: invocations };
    push(history.instances, instances);
    push(history.rps, rps);
    draw($('chart-instances'), history.instances);
    draw($('chart-rps'), history.rps);
    $('instances-now').textContent = '(' + instances + ')';
    $('rps-now').textContent = '(' + rps.toFixed(1) + ')';
  }

  function push(series, value) {
    series.push(value);
    if (series.length > SAMPLES) { series.shift(); }
  }

  function draw(svg, series) {
    const max = Math.max(1, ...series);
    const step = 300 / Math.max(1, SAMPLES - 1);
    const offset = SAMPLES - series.length;
    const points = series.map((v, i) => ((offset + i) * step).toFixed(1) + ',' + (98 - 96 * v / max).toFixed(1));
    svg.querySelector('polyline').setAttribute('points', points.join(' '));
    svg.dataset.samples = String(series.length);
    svg.dataset.max = String(max);
  }

  async function refresh() {
    try {
      const [functions, usage] = await Promise.all([json('/system/functions'), json('/system/usage')]);
      renderFunctions(functions, usage);
      sample(functions, usage);
      setStatus('Connected: ' + functions.length + ' function(s), updated ' + new Date().toLocaleTimeString());
    } catch (e) {
      if (e.status === 401) { signOut('The admin token was refused.'); return; }
      setStatus('Cannot reach the admin API: ' + e.message, true);
    }
  }

  async function connect(value) {
    sessionStorage.setItem(TOKEN_KEY, value);
    try {
      await json('/system/functions');
    } catch (e) {
      signOut(e.status === 401 ? 'The admin token was refused.' : 'Cannot reach the admin API: ' + e.message);
      return;
    }
    $('app').hidden = false;
    $('disconnect').hidden = false;
    $('token').value = '';
    await refresh();
    clearInterval(timer);
    timer = setInterval(refresh, 2000);
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    clearInterval(timer);
    stopFollowing();
    $('app').hidden = true;
    $('disconnect').hidden = true;
    document.querySelector('#functions tbody').replaceChildren();
    setStatus(message || 'Enter the admin token to see the gateway.', Boolean(message));
  }

  function show(view) {
    document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
    document.querySelectorAll('.view').forEach((s) => { s.hidden = s.id !== 'view-' + view; });
    if (view === 'dead-letters') { loadDeadLetters(); }
  }

  async function invoke(event) {
    event.preventDefault();
    const method = $('invoke-method').value;
    const headers = new Headers();
    for (const line of $('invoke-headers').value.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) { headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim()); }
    }
    const request = { method: method, headers: headers };
    if (method !== 'GET' && method !== 'HEAD') { request.body = $('invoke-body').value; }
    $('invoke-status').textContent = 'sending...';
    const started = performance.now();
    try {
      const response = await fetch($('invoke-path').value, request);
      const body = await response.text();
      const took = (performance.now() - started).toFixed(0);
      $('invoke-status').textContent = response.status + ' ' + response.statusText + ' (' + took + ' ms)';
      $('invoke-response-headers').textContent = Array.from(response.headers.entries())
        .map(([name, value]) => name + ': ' + value).join('\n');
      $('invoke-response-body').textContent = body;
    } catch (e) {
      $('invoke-status').textContent = 'failed: ' + e.message;
    }
  }

  async function deploy(event) {
    event.preventDefault();
    const file = $('deploy-bundle').files[0];
    if (!file) { return; }
    $('deploy-result').textContent = 'deploying...';
    try {
      const result = await json('/system/functions', {
        method: $('deploy-update').checked ? 'PUT' : 'POST',
        headers: { 'content-type': 'application/zip' },
        body: file
      });
      $('deploy-result').textContent = 'Deployed ' + result.app + ' revision ' + result.revision + ': '
        + result.functions.join(', ');
      refresh();
    } catch (e) {
      $('deploy-result').textContent = 'Refused: ' + e.message;
    }
  }

  function logLine(text) {
    if (!text.trim()) { return ''; }
    try {
      const entry = JSON.parse(text);
      return entry.time + ' [' + entry.instance + '] ' + (entry.requestId ? '(' + entry.requestId + ') ' : '')
        + entry.line + '\n';
    } catch (ignored) {
      return text + '\n';
    }
  }

  function stopFollowing() {
    if (follow) { follow.abort(); follow = null; }
  }

  async function logs(event) {
    event.preventDefault();
    stopFollowing();
    const out = $('logs-lines');
    out.textContent = '';
    const query = new URLSearchParams();
    if ($('logs-function').value) { query.set('name', $('logs-function').value); }
    if ($('logs-since').value.trim()) { query.set('since', $('logs-since').value.trim()); }
    const following = $('logs-follow').checked;
    if (following) { query.set('follow', 'true'); }
    try {
      follow = following ? new AbortController() : null;
      const response = await api('/system/logs?' + query, follow ? { signal: follow.signal } : {});
      if (!following) {
        out.textContent = (await response.text()).split('\n').map(logLine).join('');
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) { break; }
        pending += decoder.decode(value, { stream: true });
        const lines = pending.split('\n');
        pending = lines.pop();
        out.textContent += lines.map(logLine).join('');
        out.scrollTop = out.scrollHeight;
      }
    } catch (e) {
      if (e.name !== 'AbortError') { out.textContent += 'Cannot read the logs: ' + e.message + '\n'; }
    }
  }

  async function loadDeadLetters() {
    const error = $('dead-letters-error');
    const body = $('dead-letters').querySelector('tbody');
    $('dead-letters').dataset.loaded = 'false';
    try {
      const result = await json('/system/dead-letters');
      const letters = Array.isArray(result) ? result : (result.deadLetters || result.items || []);
      if (error.className === 'error') { error.hidden = true; }
      body.replaceChildren();
      for (const letter of letters) {
        const row = document.createElement('tr');
        cell(row, letter.callId);
        cell(row, letter.function);
        cell(row, String(letter.attempts), true);
        cell(row, String(letter.status));
        cell(row, letter.error || '');
        cell(row, letter.deadAt || '');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Redrive';
        button.addEventListener('click', () => redrive('/system/dead-letters/'
          + encodeURIComponent(letter.callId) + '/redrive'));
        cell(row, '').appendChild(button);
        body.appendChild(row);
      }
      $('dead-letters').dataset.loaded = 'true';
    } catch (e) {
      body.replaceChildren();
      error.textContent = 'Dead letters are not available: ' + e.message;
      error.className = 'error';
      error.hidden = false;
    }
  }

  async function redrive(path) {
    const error = $('dead-letters-error');
    try {
      const result = await json(path, { method: 'POST' });
      error.textContent = 'Redriven: ' + result.redriven;
      error.hidden = false;
      error.className = '';
    } catch (e) {
      error.textContent = 'Redrive failed: ' + e.message;
      error.className = 'error';
      error.hidden = false;
    }
    loadDeadLetters();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('login').addEventListener('submit', (event) => { event.preventDefault(); connect($('token').value.trim()); });
    $('disconnect').addEventListener('click', () => signOut());
    document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
    $('invoke').addEventListener('submit', invoke);
    $('deploy').addEventListener('submit', deploy);
    $('logs').addEventListener('submit', logs);
    $('dead-letters-refresh').addEventListener('click', loadDeadLetters);
    $('dead-letters-redrive-all').addEventListener('click', () => redrive('/system/dead-letters/redrive'));
    if (token()) { connect(token()); }
  });
}());
