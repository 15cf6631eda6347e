// ordersync support console: a small front end over the REST API. Every action is an API call, made through
// /console/api/v1/... as the logged-in user (the runtime forwards it to its own /api/v1/...), so what the console
// does, a script can do with the same API. Pages are hash routes: #/search, #/orders/<id>, #/dead-letters,
// #/dead-letters/<id>, #/audit, #/dashboard, #/partners, #/partners/<id>. Text from the API is only ever set as text (never as HTML).
'use strict';

const state = { user: null, role: null, token: null };
const page = () => document.getElementById('page');

// --- small DOM helpers --------------------------------------------------------------------------------------------

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// Each navigation has a number; a page still loading when the user went elsewhere must not replace the newer one.
let navigation = 0;

function showFor(visit, ...children) {
  if (visit === navigation) show(...children);
}

function show(...children) {
  page().replaceChildren(...children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false && child !== ''));
}

function notice(kind, text, id) {
  return h('div', { className: `notice ${kind}`, id }, text);
}

function status(value) {
  return value ? h('span', { className: `status ${value}` }, value) : '';
}

function time(value) {
  if (!value) return '';
  const date = new Date(value);
  return isNaN(date) ? value : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function isOperator() {
  return state.role === 'operator';
}

// --- API calls --------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? `${status} ${body.error || ''}: ${body.message}` : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.method && options.method !== 'GET') headers['X-Console-Token'] = state.token;
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`/console/api/v1/${path}`, { method: options.method || 'GET', headers, body,
    credentials: 'same-origin' });
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { message: text }; }
  if (response.status === 401) {
    window.location.href = '/console/login';
    throw new ApiError(401, parsed);
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// --- payloads: readable, with the failing line marked -----------------------------------------------------------

function prettyPayload(payload, contentType) {
  const text = payload || '';
  const trimmed = text.trimStart();
  if ((contentType || '').includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try { return { kind: 'JSON', ...prettyJson(JSON.parse(text)) }; } catch (e) { /* not JSON: as is */ }
  }
  if (trimmed.startsWith('ISA')) {
    // X12: the element separator is ISA's 4th character, the segment terminator the one after ISA16 (position 105)
    const terminator = trimmed.charAt(105) || '~';
    return { kind: 'X12', separator: trimmed.charAt(3), lines: splitSegments(trimmed, terminator) };
  }
  if (trimmed.startsWith('UNA') || trimmed.startsWith('UNB')) {
    const una = trimmed.startsWith('UNA');
    return { kind: 'EDIFACT', separator: una ? trimmed.charAt(4) : '+', lines: splitSegments(trimmed, una ? trimmed.charAt(8) : "'") };
  }
  // one transaction set of an order's journey (ST..SE, UNH..UNT), already one segment per line
  if (/^ST[^A-Za-z0-9\s]/.test(trimmed)) return { kind: 'X12', separator: trimmed.charAt(2), lines: trimmed.split('\n') };
  if (/^UNH[^A-Za-z0-9\s]/.test(trimmed)) return { kind: 'EDIFACT', separator: trimmed.charAt(3), lines: trimmed.split('\n') };
  if (trimmed.startsWith('<')) return { kind: 'XML', lines: indentXml(trimmed) };
  return { kind: 'text', lines: text.split('\n') };
}

// JSON two spaces deep, with the line each value starts on, by its path ($.OrderItems.records[0].Quantity)
function prettyJson(value) {
  const lines = [];
  const at = new Map();
  const walk = (node, path, indent, prefix, comma) => {
    at.set(path, lines.length);
    if (node !== null && typeof node === 'object') {
      const array = Array.isArray(node);
      const entries = array ? node.map((item, index) => [index, item]) : Object.entries(node);
      if (!entries.length) {
        lines.push(`${indent}${prefix}${array ? '[]' : '{}'}${comma}`);
        return;
      }
      lines.push(`${indent}${prefix}${array ? '[' : '{'}`);
      entries.forEach(([key, item], index) => walk(item, array ? `${path}[${key}]` : `${path}.${key}`, `${indent}  `,
        array ? '' : `${JSON.stringify(key)}: `, index < entries.length - 1 ? ',' : ''));
      lines.push(`${indent}${array ? ']' : '}'}${comma}`);
    } else {
      lines.push(`${indent}${prefix}${JSON.stringify(node)}${comma}`);
    }
  };
  walk(value, '$', '', '', '');
  return { lines, at };
}

function splitSegments(text, terminator) {
  return text.split(terminator).map(segment => segment.replace(/^[\r\n]+/, '')).filter(segment => segment.length)
    .map(segment => segment + terminator);
}

function indentXml(xml) {
  const lines = [];
  let depth = 0;
  for (const token of xml.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/)) {
    if (!token.trim()) continue;
    if (token.startsWith('</')) depth = Math.max(0, depth - 1);
    const last = lines[lines.length - 1];
    if (last !== undefined && !token.startsWith('<') && last.trim().startsWith('<') && !last.trim().startsWith('</')) {
      lines[lines.length - 1] = last + token; // text content stays on its element's line
      continue;
    }
    if (token.startsWith('</') && last !== undefined && lines.length && !last.trim().startsWith('</')
        && last.includes('>') && !last.trim().endsWith('/>') && last.trim().match(/^<[^/?!][^>]*>[^<]*$/)) {
      lines[lines.length - 1] = last + token;
      continue;
    }
    lines.push('  '.repeat(depth) + token);
    if (token.startsWith('<') && !token.startsWith('</') && !token.startsWith('<?') && !token.startsWith('<!')
        && !token.endsWith('/>')) depth++;
  }
  return lines;
}

// What the failure points at: a JSON value by its path ($.OrderItems.records[0].Quantity, or a pointer
// /OrderItems/records/0/Quantity), the nearest enclosing value that exists when the path does not; an EDI segment
// by its position ("segment 14", "#14") or tag, and its element ("element 3").
function failingLines(pretty, message) {
  const marked = new Set();
  let element = null;
  if (!message) return { marked, element };
  if (pretty.kind === 'JSON') {
    const paths = [...message.matchAll(/\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+/g)].map(m => m[0]);
    for (const pointer of message.matchAll(/(?:^|[\s'"(])((?:\/[A-Za-z0-9_]+)+)/g)) {
      paths.push('$' + pointer[1].split('/').slice(1).map(part => /^\d+$/.test(part) ? `[${part}]` : `.${part}`).join(''));
    }
    for (let path of paths) {
      while (path && !pretty.at.has(path)) path = path.replace(/(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])$/, '');
      if (path && path !== '$') marked.add(pretty.at.get(path));
    }
  } else if (pretty.kind === 'X12' || pretty.kind === 'EDIFACT') {
    const position = message.match(/segment\s+(\d+)/i) || message.match(/#(\d+)/);
    if (position) marked.add(Number(position[1]) - 1);
    const tag = message.match(/segment\s+(?:\d+\s+\()?([A-Z][A-Z0-9]{1,2})\b/);
    if (!marked.size && tag) {
      pretty.lines.forEach((line, index) => { if (line.startsWith(tag[1] + pretty.separator)) marked.add(index); });
    }
    const elementPosition = message.match(/element\s+(\d+)/i);
    if (elementPosition) element = Number(elementPosition[1]);
  }
  return { marked, element };
}

function segmentLine(line, separator, element) {
  const parts = line.split(separator);
  if (!element || element >= parts.length) return [line];
  return [parts.slice(0, element).join(separator) + separator, h('mark', { className: 'element' }, parts[element]),
    element + 1 < parts.length ? separator + parts.slice(element + 1).join(separator) : ''];
}

function payloadView(payload, contentType, message) {
  const pretty = prettyPayload(payload, contentType);
  const { marked, element } = failingLines(pretty, message);
  const pre = h('pre', { className: 'payload', id: 'payload', 'data-kind': pretty.kind },
    pretty.lines.map((line, index) => h('span', { className: marked.has(index) ? 'line error' : 'line' },
      marked.has(index) && pretty.separator ? segmentLine(line, pretty.separator, element) : line)));
  return [h('p', { className: 'muted', id: 'payload-summary' }, `${pretty.kind}, ${pretty.lines.length} line(s)`
    + (marked.size ? `; the error points at line ${[...marked].map(i => i + 1).join(', ')}` + (element ? `, element ${element}` : '') : '')), pre];
}

// --- pages ------------------------------------------------------------------------------------------------------

const KINDS = ['', 'order', 'interchange', 'dead-letter', 'sent-document'];

async function searchPage(params) {
  const visit = navigation;
  const form = h('form', { className: 'filters', id: 'search-form' },
    h('label', {}, 'Order id, CRM id, PO, ERP number, partner, control number, correlation id',
      h('input', { id: 'q', name: 'q', value: params.get('q') || '', required: true, maxlength: 200 })),
    h('label', {}, 'Kind', h('select', { id: 'kind', name: 'kind' },
      KINDS.map(kind => h('option', { value: kind, selected: kind === (params.get('kind') || '') }, kind || 'all')))),
    h('label', {}, 'Legal entity', h('input', { id: 'legalEntity', name: 'legalEntity', size: 6, value: params.get('legalEntity') || '' })),
    h('label', {}, 'Status', h('input', { id: 'status', name: 'status', size: 10, value: params.get('status') || '' })),
    h('label', {}, 'Channel', h('input', { id: 'channel', name: 'channel', size: 8, value: params.get('channel') || '' })),
    h('label', {}, 'From', h('input', { id: 'from', name: 'from', type: 'date', value: params.get('from') || '' })),
    h('label', {}, 'To', h('input', { id: 'to', name: 'to', type: 'date', value: params.get('to') || '' })),
    h('button', { type: 'submit', id: 'search' }, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    window.location.hash = `#/search${query(values)}`;
  });
  const results = h('div', { id: 'results' });
  showFor(visit, h('h1', {}, 'Search'), form, results);
  if (!params.get('q')) {
    results.append(h('p', { className: 'muted' }, 'One value finds orders, EDI interchanges, failed messages and EDI documents sent.'));
    return;
  }
  const day = value => value ? new Date(`${value}T00:00:00Z`).toISOString() : undefined;
  const nextDay = value => value ? new Date(Date.parse(`${value}T00:00:00Z`) + 86400000).toISOString() : undefined;
  const request = { q: params.get('q'), kind: params.get('kind'), legalEntity: params.get('legalEntity'),
    status: params.get('status'), channel: params.get('channel'), from: day(params.get('from')),
    to: nextDay(params.get('to')), limit: 50, cursor: params.get('cursor') };
  try {
    const answer = await api(`search${query(request)}`);
    results.append(h('p', { className: 'counts', id: 'counts' },
      h('span', {}, `${answer.total} match(es)`),
      Object.entries(answer.counts).map(([kind, count]) => h('span', {}, `${kind}: ${count}`))));
    const rows = answer.hits.map(hit => {
      const target = hitTarget(hit);
      return h('tr', { className: target ? 'clickable hit' : 'hit', 'data-kind': hit.kind, onclick: target ? () => { window.location.hash = target; } : null },
        h('td', {}, hit.kind), h('td', {}, time(hit.time)), h('td', {}, status(hit.status)), h('td', {}, hit.legalEntity || ''),
        h('td', {}, hit.partner || ''), h('td', {}, hit.customerPo || ''),
        h('td', {}, hit.orderId ? h('a', { href: `#/orders/${encodeURIComponent(hit.orderId)}` }, hit.orderId) : ''),
        h('td', {}, hit.summary || ''));
    });
    results.append(h('table', { id: 'hits' }, h('thead', {}, h('tr', {}, ['Kind', 'Time', 'Status', 'Entity', 'Partner', 'PO', 'Order', 'Summary'].map(c => h('th', {}, c)))),
      h('tbody', {}, rows)));
    if (answer.nextCursor) {
      const next = new URLSearchParams(params);
      next.set('cursor', answer.nextCursor);
      results.append(h('p', {}, h('a', { href: `#/search?${next}`, id: 'next-page' }, 'Next page')));
    }
  } catch (error) {
    results.append(notice('error', error.message, 'search-error'));
  }
}

function hitTarget(hit) {
  if (hit.kind === 'order') return `#/orders/${encodeURIComponent(hit.id)}`;
  if (hit.kind === 'dead-letter') return `#/dead-letters/${encodeURIComponent(hit.id)}`;
  if (hit.orderId) return `#/orders/${encodeURIComponent(hit.orderId)}`;
  return null;
}

async function orderPage(orderId) {
  const visit = navigation;
  showFor(visit, h('h1', {}, `Order ${orderId}`), h('p', {}, 'Loading...'));
  let order;
  try {
    order = await api(`orders/${encodeURIComponent(orderId)}`);
  } catch (error) {
    showFor(visit, h('h1', {}, `Order ${orderId}`), notice('error', error.message, 'order-error'));
    return;
  }
  const canonical = order.order || {};
  const facts = h('dl', { className: 'facts', id: 'order-facts' },
    fact('Status', status(order.status)), fact('Legal entity', order.legalEntity),
    fact('Received', canonical.source ? `${time(canonical.receivedAt)} on ${canonical.source.channel} from ${canonical.source.system}`
      + (canonical.source.partner ? ` (partner ${canonical.source.partner})` : '') : null),
    fact('CRM / source id', canonical.source && canonical.source.externalId),
    fact('Customer', canonical.customer && `${canonical.customer.name || ''} ${canonical.customer.erpCustomerNumber || ''}`),
    fact('Customer PO', canonical.customerPurchaseOrder),
    fact('ERP order number', order.erpOrderNumber), fact('Correlation id', order.correlationId));
  const journeyBody = h('tbody', {});
  const journey = h('table', { id: 'journey' },
    h('thead', {}, h('tr', {}, ['Time', 'Step', 'Status', 'Detail'].map(c => h('th', {}, c)))), journeyBody);
  const showJourney = messages => journeyBody.replaceChildren(...journeyRows(order.timeline || [], messages));
  showJourney([]);
  const deadLetters = h('div', { id: 'order-dead-letters' }, h('p', { className: 'muted' }, 'Loading...'));
  const sent = h('div', { id: 'order-sent-documents' }, h('p', { className: 'muted' }, 'Loading...'));
  const slas = h('div', { id: 'order-sla' }, h('p', { className: 'muted' }, 'Loading...'));
  const exceptions = h('div', { id: 'order-exceptions' }, h('p', { className: 'muted' }, 'Loading...'));
  showFor(visit, h('h1', {}, `Order ${orderId}`), facts, h('h2', {}, 'Journey'), journey,
    h('h2', {}, 'Failed messages'), deadLetters, h('h2', {}, 'EDI documents sent'), sent,
    h('h2', {}, 'SLAs'), slas, h('h2', {}, 'Exceptions'), exceptions,
    h('h2', {}, 'Canonical order'), h('pre', { className: 'payload', id: 'canonical' },
      JSON.stringify(canonical, null, 2).split('\n').map(line => h('span', { className: 'line' }, line))));
  // the messages it arrived as and was sent as, in time order among the status steps
  api(`orders/${encodeURIComponent(orderId)}/messages`).then(answer => {
    showJourney(answer.messages || []);
    if (answer.payloadWithheld) journey.after(h('p', { className: 'muted', id: 'journey-withheld' }, `Payloads: ${answer.payloadWithheld}.`));
  }).catch(error => journey.after(notice('error', error.message, 'journey-error')));
  api(`dead-letters${query({ orderId })}`).then(letters => deadLetters.replaceChildren(letters.length
    ? deadLetterTable(letters) : h('p', { className: 'muted' }, 'None.')))
    .catch(error => deadLetters.replaceChildren(notice('error', error.message)));
  api(`search${query({ q: orderId, kind: 'sent-document' })}`).then(answer => sent.replaceChildren(answer.hits.length
    ? h('table', {}, h('tbody', {}, answer.hits.map(hit => h('tr', {}, h('td', {}, time(hit.time)), h('td', {}, hit.partner || ''),
      h('td', {}, status(hit.status)), h('td', {}, hit.summary || '')))))
    : h('p', { className: 'muted' }, 'None.')))
    .catch(error => sent.replaceChildren(notice('error', error.message)));
  api(`sla${query({ orderId })}`).then(report => slas.replaceChildren((report.orders || []).length
    ? h('table', {}, h('thead', {}, h('tr', {}, ['SLA', 'State', 'From', 'Warning at', 'Missed at', 'Reached'].map(c => h('th', {}, c)))),
      h('tbody', {}, report.orders.map(o => h('tr', {}, h('td', {}, o.sla), h('td', {}, status(o.state)), h('td', {}, time(o.startedAt)),
        h('td', {}, time(o.warningAt)), h('td', {}, time(o.missedAt)), h('td', {}, time(o.reachedAt))))))
    : h('p', { className: 'muted' }, 'None applies (or outside the reporting window).')))
    .catch(error => slas.replaceChildren(notice('error', error.message)));
  api(`exceptions${query({ orderId })}`).then(list => exceptions.replaceChildren(list.length
    ? h('table', {}, h('tbody', {}, list.map(x => h('tr', {}, h('td', {}, time(x.openedAt)), h('td', {}, x.kind || ''),
      h('td', {}, status(x.status)), h('td', {}, x.decision || x.detail || '')))))
    : h('p', { className: 'muted' }, 'None.')))
    .catch(error => exceptions.replaceChildren(notice('error', error.message)));
}

// The status steps (timeline) and the messages (received, calls) of one order, merged oldest first
function journeyRows(timeline, messages) {
  const rows = timeline.map(step => ({ at: step.occurredAt, row: h('tr', { className: 'step', 'data-type': step.type },
    h('td', {}, time(step.occurredAt)), h('td', {}, step.type), h('td', {}, status(step.status)),
    h('td', {}, stepDetail(step.event))) }));
  for (const message of messages) rows.push({ at: message.recordedAt, row: messageRow(message) });
  return rows.map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => (Date.parse(a.at) - Date.parse(b.at)) || (a.index - b.index)).map(entry => entry.row);
}

function messageRow(message) {
  const received = message.kind === 'RECEIVED';
  const step = received ? `Received from ${message.system}` : `${message.system}` + (message.attempt > 1 ? ` (attempt ${message.attempt})` : '');
  const outcome = received ? status('RECEIVED') : message.httpStatus ? `HTTP ${message.httpStatus}` : status('FAILED');
  const size = bytes => bytes == null ? '' : ` (${bytes} bytes)`;
  const payloads = [];
  if (message.requestPayload != null) payloads.push(h('h4', {}, (received ? 'Received' : 'Request') + size(message.requestBytes)), ...messagePayload(message.requestPayload, message.requestBytes));
  if (message.answerPayload != null) payloads.push(h('h4', {}, 'Answer' + size(message.answerBytes)), ...messagePayload(message.answerPayload, message.answerBytes));
  const detail = [message.operation || '', message.error ? ` - ${message.error}` : '', message.tookMs != null && !received ? ` - ${message.tookMs} ms` : '',
    message.correlationId ? ` - correlation ${message.correlationId}` : ''].join('');
  return h('tr', { className: 'message', 'data-kind': message.kind, 'data-system': message.system },
    h('td', {}, time(message.recordedAt)), h('td', {}, step), h('td', {}, outcome),
    h('td', {}, detail, payloads.length ? h('details', { className: 'message-payloads' }, h('summary', {}, received ? 'Show the message' : 'Show request and answer'), payloads) : ''));
}

function messagePayload(text, wholeBytes) {
  const pretty = prettyPayload(text);
  const cut = wholeBytes != null && wholeBytes > new TextEncoder().encode(text).length;
  return [h('pre', { className: 'payload message-payload', 'data-kind': pretty.kind }, pretty.lines.map(line => h('span', { className: 'line' }, line))),
    cut ? h('p', { className: 'muted' }, 'Only the beginning is kept in the journey.') : ''];
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value === undefined || value === null || value === '' ? '-' : value)];
}

function stepDetail(event) {
  if (!event) return '';
  const parts = [];
  for (const name of ['source', 'erpOrderNumber', 'reason', 'message', 'documentType', 'partner', 'carrier', 'trackingNumber', 'invoiceNumber', 'amount', 'correlationId']) {
    const value = event[name] ?? (event.payload && event.payload[name]);
    if (value !== undefined && value !== null && typeof value !== 'object') parts.push(`${name}: ${value}`);
  }
  return parts.join('; ');
}

// How long ago, readable at a glance: "40 s", "3 min", "2 h", "5 d" (the exact time is the cell's title).
function age(value) {
  const since = Date.now() - new Date(value).getTime();
  if (!value || isNaN(since)) return '';
  const seconds = Math.max(0, Math.floor(since / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

function deadLetterTable(letters) {
  return h('table', { id: 'dead-letter-list' },
    h('thead', {}, h('tr', {}, ['Id', 'Status', 'Age', 'Route', 'Partner', 'Order', 'Reason', 'Replay'].map(c => h('th', {}, c)))),
    h('tbody', {}, letters.map(letter => h('tr', { className: 'clickable dead-letter', 'data-id': letter.id,
      onclick: () => { window.location.hash = `#/dead-letters/${letter.id}`; } },
    h('td', {}, letter.id), h('td', {}, status(letter.status)),
    h('td', { className: 'age', title: time(letter.lastFailureAt) }, age(letter.lastFailureAt)),
    h('td', {}, letter.routeId), h('td', { className: 'partner' }, letter.partner || ''), h('td', {}, letter.orderId || ''),
    h('td', {}, (letter.exceptionMessage || '').slice(0, 160)), h('td', {}, status(letter.replayOutcome))))));
}

async function deadLettersPage(params) {
  const visit = navigation;
  const filter = h('form', { className: 'filters', id: 'dead-letter-filter' },
    h('label', {}, 'Status', h('select', { name: 'status', id: 'dead-letter-status' },
      ['NEW', 'REPLAYED', 'INVALID', 'DISCARDED', ''].map(value => h('option', { value, selected: value === (params.get('status') ?? 'NEW') }, value || 'all')))),
    h('label', {}, 'Route', h('input', { name: 'routeId', value: params.get('routeId') || '' })),
    h('label', {}, 'Order', h('input', { name: 'orderId', value: params.get('orderId') || '' })),
    h('label', {}, 'Partner', h('input', { name: 'partner', value: params.get('partner') || '' })),
    h('button', { type: 'submit' }, 'Show'));
  filter.addEventListener('submit', event => {
    event.preventDefault();
    window.location.hash = `#/dead-letters${query(Object.fromEntries(new FormData(filter).entries()))}`;
  });
  const list = h('div', { id: 'dead-letters' }, h('p', { className: 'muted' }, 'Loading...'));
  showFor(visit, h('h1', {}, 'Failed messages'), filter, list);
  try {
    const letters = await api(`dead-letters${query({ status: params.get('status') ?? 'NEW', routeId: params.get('routeId'), orderId: params.get('orderId'), partner: params.get('partner'), limit: 500 })}`);
    list.replaceChildren(letters.length ? deadLetterTable(letters) : h('p', { className: 'muted' }, 'None.'));
    const replayable = letters.filter(letter => letter.status === 'NEW' && letter.replayEndpoint && letter.payloadKept !== 'PREVIEW');
    if (isOperator() && replayable.length) {
      const progress = h('div', { id: 'batch-progress' });
      list.prepend(h('div', { className: 'actions' },
        h('button', { id: 'replay-all', onclick: event => replayBatch(replayable.map(letter => letter.id), event.target, progress,
          async () => {
            // the list as it is now (the replayed ones left status NEW), the batch's outcome kept above it
            const now = await api(`dead-letters${query({ status: params.get('status') ?? 'NEW', routeId: params.get('routeId'), orderId: params.get('orderId'), partner: params.get('partner'), limit: 500 })}`);
            const table = document.getElementById('dead-letter-list');
            if (table) table.replaceWith(now.length ? deadLetterTable(now) : h('p', { className: 'muted', id: 'dead-letter-list' }, 'None left.'));
          }) },
          `Replay these ${replayable.length}`), progress));
    }
  } catch (error) {
    list.replaceChildren(notice('error', error.message, 'dead-letters-error'));
  }
}

async function deadLetterPage(id) {
  const visit = navigation;
  showFor(visit, h('h1', {}, `Failed message ${id}`), h('p', {}, 'Loading...'));
  let view;
  try {
    view = await api(`dead-letters/${encodeURIComponent(id)}`);
  } catch (error) {
    showFor(visit, h('h1', {}, `Failed message ${id}`), notice('error', error.message, 'dead-letter-error'));
    return;
  }
  const letter = view.deadLetter;
  const facts = h('dl', { className: 'facts', id: 'dead-letter-facts' },
    fact('Status', status(letter.status)), fact('Route', letter.routeId),
    fact('Order', letter.orderId ? h('a', { href: `#/orders/${encodeURIComponent(letter.orderId)}`, id: 'dead-letter-order' }, letter.orderId) : null),
    fact('Correlation id', letter.correlationId), fact('Reason', letter.exceptionType),
    fact('Message', letter.exceptionMessage), fact('Attempts', letter.attempts),
    fact('First failure', time(letter.firstFailureAt)), fact('Last failure', time(letter.lastFailureAt)),
    fact('Replayed from', letter.replayedFrom ? h('a', { href: `#/dead-letters/${letter.replayedFrom}` }, letter.replayedFrom) : null),
    fact('Replay', letter.replayOutcome ? [status(letter.replayOutcome), letter.replayDeadLetterId
      ? [' into ', h('a', { href: `#/dead-letters/${letter.replayDeadLetterId}`, id: 'replay-dead-letter' }, `failed message ${letter.replayDeadLetterId}`)] : ''] : null),
    fact('Payload', `${letter.payloadKept || ''} ${letter.payloadBytes ?? ''} bytes ${letter.payloadContentType || ''}`));
  const outcome = h('div', { id: 'action-outcome' });
  const actions = h('div', { className: 'actions' });
  const editor = h('div', { id: 'editor', hidden: true });
  if (isOperator() && letter.status === 'NEW') {
    actions.append(h('button', { id: 'replay', onclick: event => replay(letter, event.target, outcome) }, 'Replay'));
    if (letter.payload !== undefined) {
      actions.append(h('button', { id: 'edit', className: 'secondary', onclick: () => { editor.hidden = !editor.hidden; } }, 'Edit and replay'));
      const text = h('textarea', { id: 'edited-payload', className: 'payload', spellcheck: 'false' });
      text.value = prettyPayload(letter.payload, letter.payloadContentType).lines.join('\n');
      const note = h('input', { id: 'edit-note', size: 60, maxlength: 1000, placeholder: 'What was changed, and why' });
      editor.append(h('h2', {}, 'Edited payload (the original stays as it is)'), text,
        h('div', { className: 'actions' }, note, h('button', { id: 'replay-edited', onclick: event =>
          replay(letter, event.target, outcome, { payload: text.value, note: note.value || undefined }) }, 'Replay edited')));
    }
    const reason = h('input', { id: 'discard-reason', size: 50, maxlength: 1000, placeholder: 'Why it needs no replay' });
    actions.append(reason, h('button', { id: 'discard', className: 'secondary', onclick: event => discard(letter, reason.value, event.target, outcome) }, 'Discard'));
  }
  if (letter.status === 'DISCARDED') {
    outcome.append(notice('info', `Discarded by ${letter.discardedBy} at ${time(letter.discardedAt)}: ${letter.discardReason}`, 'discarded'));
  }
  let payload;
  if (letter.payload !== undefined) payload = payloadView(letter.payload, letter.payloadContentType, letter.exceptionMessage);
  else if (letter.payloadPreview !== undefined) payload = [h('p', { className: 'muted' }, `Preview only: ${letter.payloadNote || ''}`), payloadView(letter.payloadPreview, letter.payloadContentType, letter.exceptionMessage)];
  else payload = h('p', { className: 'muted', id: 'payload-withheld' }, letter.payloadWithheld || 'No payload.');
  const replays = (view.replays || []).map(r => h('tr', { className: 'replay' }, h('td', {}, time(r.requestedAt)), h('td', {}, r.requestedBy),
    h('td', {}, status(r.outcome)), h('td', {}, r.edited ? `edited${r.note ? `: ${r.note}` : ''}` : 'original'),
    h('td', {}, r.batchId ? `batch ${r.batchId}` : ''), h('td', {}, r.detail || '')));
  const editedPayloads = (view.replays || []).filter(r => r.editedPayload).map(r => [h('h2', {}, `Edited payload, replayed by ${r.requestedBy} at ${time(r.requestedAt)}`),
    h('pre', { className: 'payload', id: 'edited-payload-kept' }, prettyPayload(r.editedPayload, letter.payloadContentType).lines.map(line => h('span', { className: 'line' }, line)))]);
  showFor(visit, h('h1', {}, `Failed message ${id}`), facts, actions, outcome, editor, h('h2', {}, 'Payload'), payload,
    h('h2', {}, 'Replays'), replays.length ? h('table', { id: 'replays' },
      h('thead', {}, h('tr', {}, ['Requested', 'By', 'Outcome', 'Payload', 'Batch', 'Detail'].map(c => h('th', {}, c)))),
      h('tbody', {}, replays)) : h('p', { className: 'muted' }, 'None.'), editedPayloads);
  // the payload box scrolls on its own: bring the line in error into view
  const marked = document.querySelector('#payload span.line.error');
  if (marked) {
    const box = marked.parentElement;
    box.scrollTop = Math.max(0, marked.offsetTop - box.offsetTop - box.clientHeight / 2);
  }
}

async function replay(letter, button, outcome, edit) {
  button.disabled = true;
  outcome.replaceChildren(notice('info', 'Replaying...'));
  try {
    if (edit) await api(`dead-letters/${letter.id}/edited-replay`, { method: 'POST', json: edit });
    else await api(`dead-letters/${letter.id}/replay`, { method: 'POST' });
    for (let i = 0; i < 120; i++) {
      const view = await api(`dead-letters/${letter.id}`);
      const result = view.deadLetter.replayOutcome;
      if (result && result !== 'RUNNING') {
        outcome.replaceChildren(notice(result === 'SUCCEEDED' ? 'ok' : 'error', result === 'SUCCEEDED'
          ? 'Replayed: delivered.' : `Replay failed again, into failed message ${view.deadLetter.replayDeadLetterId}.`, 'replay-outcome'));
        setTimeout(() => route(), 1500);
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    outcome.replaceChildren(notice('info', 'The replay is still running.', 'replay-outcome'));
  } catch (error) {
    button.disabled = false;
    outcome.replaceChildren(notice('error', error.message, 'replay-outcome'));
  }
}

async function discard(letter, reason, button, outcome) {
  if (!reason.trim()) {
    outcome.replaceChildren(notice('error', 'Say why it needs no replay.', 'discard-outcome'));
    return;
  }
  button.disabled = true;
  try {
    await api(`dead-letters/${letter.id}/discard`, { method: 'POST', json: { reason } });
    route();
  } catch (error) {
    button.disabled = false;
    outcome.replaceChildren(notice('error', error.message, 'discard-outcome'));
  }
}

async function replayBatch(ids, button, progress, onDone) {
  button.disabled = true;
  try {
    const batch = await api('dead-letters/replay-batches', { method: 'POST', json: { ids } });
    const bar = h('progress', { id: 'batch-bar', max: batch.total, value: 0 });
    const text = h('span', { id: 'batch-text' });
    progress.replaceChildren(bar, ' ', text);
    for (;;) {
      const now = await api(`dead-letters/replay-batches/${batch.batchId}`);
      const finished = now.succeeded + now.failed + now.refused;
      bar.value = finished;
      text.textContent = `batch ${now.batchId}: ${finished} of ${now.total} done - ${now.succeeded} delivered, ${now.failed} failed again, ${now.refused} not replayable, ${now.running} running`;
      if (now.done) {
        if (onDone) await onDone();
        progress.dataset.done = 'true';
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  } catch (error) {
    button.disabled = false;
    progress.replaceChildren(notice('error', error.message, 'batch-error'));
  }
}

async function auditPage(params) {
  const visit = navigation;
  const filter = h('form', { className: 'filters', id: 'audit-filter' },
    h('label', {}, 'Who', h('input', { name: 'actor', value: params.get('actor') || '' })),
    h('label', {}, 'Action', h('select', { name: 'action' }, ['', 'REPLAY', 'REPLAY_EDITED', 'REPLAY_BATCH', 'REPLAY_IN_BATCH', 'DISCARD', 'RUN_JOB']
      .map(value => h('option', { value, selected: value === (params.get('action') || '') }, value || 'all')))),
    h('label', {}, 'On', h('input', { name: 'target', value: params.get('target') || '', placeholder: 'dead-letter:42' })),
    h('button', { type: 'submit' }, 'Show'));
  filter.addEventListener('submit', event => {
    event.preventDefault();
    window.location.hash = `#/audit${query(Object.fromEntries(new FormData(filter).entries()))}`;
  });
  const list = h('div', { id: 'audit' }, h('p', { className: 'muted' }, 'Loading...'));
  showFor(visit, h('h1', {}, 'Audit of operator actions'), filter, list);
  try {
    const actions = await api(`audit${query({ actor: params.get('actor'), action: params.get('action'), target: params.get('target'), limit: 200 })}`);
    list.replaceChildren(actions.length ? h('table', { id: 'audit-list' },
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'On', 'Before', 'After', 'Detail'].map(c => h('th', {}, c)))),
      h('tbody', {}, actions.map(a => h('tr', { className: 'action', 'data-action': a.action },
        h('td', {}, time(a.occurredAt)), h('td', {}, a.actor), h('td', {}, a.action),
        h('td', {}, a.target.startsWith('dead-letter:') ? h('a', { href: `#/dead-letters/${a.target.slice(12)}` }, a.target) : a.target),
        h('td', {}, a.before || ''), h('td', {}, a.after || ''), h('td', {}, a.detail || '')))))
      : h('p', { className: 'muted' }, 'None.'));
  } catch (error) {
    list.replaceChildren(notice('error', error.message, 'audit-error'));
  }
}

async function dashboardPage() {
  const visit = navigation;
  showFor(visit, h('h1', {}, 'What needs attention'), h('p', { className: 'muted' }, 'Loading...'));
  let board;
  try {
    board = await api('dashboard');
  } catch (error) {
    showFor(visit, h('h1', {}, 'What needs attention'), notice('error', error.message, 'dashboard-error'));
    return;
  }
  const letters = board.deadLetters;
  const tile = (id, title, value, target, bad) => h('a', { className: `tile${bad ? ' bad' : ''}`, id, href: target || '#/dashboard' },
    h('span', { className: 'value' }, String(value)), h('span', { className: 'label' }, title));
  const stuckTotal = Object.values(board.orders.stuck).reduce((a, b) => a + b, 0);
  const tiles = h('div', { className: 'tiles' },
    tile('tile-dead-letters', 'failed messages waiting', letters.open, '#/dead-letters?status=NEW', letters.open > 0),
    tile('tile-stuck', `orders stuck over ${board.orders.stuckAfter.replace('PT', '').toLowerCase()}`, stuckTotal, null, stuckTotal > 0),
    tile('tile-overdue', 'EDI acknowledgements overdue', board.acknowledgements.overdue, '#/partners', board.acknowledgements.overdue > 0),
    tile('tile-sla', 'SLA breaches (missed)', board.sla.MISSED, null, board.sla.MISSED > 0),
    tile('tile-warning', 'SLA warnings', board.sla.WARNING, null, false),
    tile('tile-exceptions', 'open order exceptions', board.openExceptions, null, board.openExceptions > 0));
  const checks = board.reachability.checks;
  const down = checks.filter(check => !check.reachable);
  const reach = h('table', { id: 'reachability' }, h('thead', {}, h('tr', {}, ['Check', 'State', 'Message'].map(c => h('th', {}, c)))),
    h('tbody', {}, checks.map(check => h('tr', {}, h('td', {}, check.check),
      h('td', {}, h('span', { className: `status ${check.reachable ? 'ACCEPTED' : 'FAILED'}` }, check.reachable || check.state !== 'UP' ? check.state : 'UNREACHABLE')),
      h('td', {}, check.message || '')))));
  const ages = letters.byAge;
  const byRoute = h('table', { id: 'dead-letters-by-route' },
    h('thead', {}, h('tr', {}, ['Route', 'Reason', 'Waiting', 'Oldest'].map(c => h('th', {}, c)))),
    h('tbody', {}, letters.byRouteAndReason.map(group => h('tr', { className: 'clickable', onclick: () => { window.location.hash = `#/dead-letters?status=NEW&routeId=${encodeURIComponent(group.routeId)}`; } },
      h('td', {}, group.routeId), h('td', {}, group.reason), h('td', {}, group.count), h('td', {}, time(group.oldestFailureAt))))));
  const orders = h('table', { id: 'orders-by-status' },
    h('thead', {}, h('tr', {}, ['Status', 'Orders', 'Stuck', 'Oldest change'].map(c => h('th', {}, c)))),
    h('tbody', {}, Object.entries(board.orders.byStatus).map(([name, state]) => h('tr', {}, h('td', {}, status(name)),
      h('td', {}, state.count), h('td', {}, board.orders.stuck[name] ?? ''), h('td', {}, time(state.oldestChangeAt))))));
  const jobs = ['crm-status', 'erp-status', 'invoice-totals', 'stuck-orders', 'held-events', 'overdue-acknowledgements'];
  const runs = h('table', { id: 'reconciliation-runs' },
    h('thead', {}, h('tr', {}, ['Run', 'Job', 'Trigger', 'Status', 'Started', 'Checked', 'Mismatches', 'Healed'].map(c => h('th', {}, c)))),
    h('tbody', {}, board.reconciliation.map(runRow)));
  // one row per job: "Run now" starts it in the background (operators only; viewers see the button disabled)
  const jobRows = h('table', { id: 'reconciliation-jobs' },
    h('thead', {}, h('tr', {}, ['Job', 'Last run', '', 'Progress'].map(c => h('th', {}, c)))),
    h('tbody', {}, jobs.map(job => {
      const last = board.reconciliation.find(run => run.job === job);
      const progress = h('td', { id: `job-progress-${job}`, className: 'job-progress' });
      const button = h('button', { className: 'run-job', id: `run-${job}`, 'data-job': job, disabled: !isOperator(),
        title: isOperator() ? `Run ${job} now` : 'Operators only',
        onclick: () => runJob(visit, job, button, progress, runs) }, 'Run now');
      return h('tr', { className: 'job', 'data-job': job }, h('td', {}, job),
        h('td', {}, last ? [status(last.status), ' ', time(last.startedAt)] : ''), h('td', {}, button), progress);
    })));
  showFor(visit, h('h1', {}, 'What needs attention'), h('p', { className: 'muted' }, `As of ${time(board.generatedAt)}`), tiles,
    down.length ? notice('error', `Not reachable: ${down.map(check => check.check).join(', ')}`, 'unreachable') : notice('ok', 'Database, Kafka, ERPs and CRM reachable.', 'reachable'),
    h('h2', {}, `Failed messages waiting: ${letters.open} (under an hour ${ages.underAnHour}, up to a day ${ages.anHourToADay}, older ${ages.overADay})`), byRoute,
    h('h2', {}, 'Orders by status'), orders,
    h('h2', {}, 'Reconciliation'), jobRows, runs,
    h('h2', {}, 'Reachability'), reach,
    h('p', { className: 'muted' }, `Routes and consumers: ${board.reachability.routeChecks - board.reachability.routeChecksDown} of ${board.reachability.routeChecks} up.`));
}

function runRow(run) {
  const checked = run.status === 'RUNNING' && run.toCheck != null ? `${run.checked} of ${run.toCheck}` : run.checked ?? '';
  return h('tr', { className: 'run', id: `run-row-${run.runId}`, 'data-status': run.status }, h('td', {}, run.runId), h('td', {}, run.job),
    h('td', {}, run.triggerSource), h('td', {}, status(run.status)), h('td', {}, time(run.startedAt)), h('td', {}, checked),
    h('td', {}, run.mismatches ?? ''), h('td', {}, run.healed ?? ''));
}

// Starts the job without waiting (202 with the run; 409 when a run of it is going on: that run is followed instead),
// then reads the run every second while it is RUNNING, until it ends or the user goes elsewhere.
async function runJob(visit, job, button, progress, runs) {
  button.disabled = true;
  progress.dataset.done = '';
  let run;
  try {
    run = (await api(`reconciliation/jobs/${encodeURIComponent(job)}/runs`, { method: 'POST' })).run;
  } catch (error) {
    if (error.status !== 409 || !error.body || !error.body.runId) {
      button.disabled = false;
      progress.replaceChildren(notice('error', error.message, `job-error-${job}`));
      return;
    }
    run = { runId: error.body.runId, job, status: 'RUNNING', checked: 0 };
  }
  const bar = h('progress', { className: 'job-bar' });
  const text = h('span', { className: 'job-text' });
  progress.replaceChildren(bar, ' ', text);
  let view = { run, findings: [] };
  for (;;) {
    const row = runRow(view.run);
    const shown = runs.querySelector(`#run-row-${view.run.runId}`);
    if (shown) shown.replaceWith(row); else runs.tBodies[0].prepend(row);
    if (view.run.toCheck != null) { bar.max = Math.max(view.run.toCheck, 1); bar.value = view.run.checked; }
    text.textContent = `run ${view.run.runId}: ${view.run.status}, ${view.run.checked} checked`
      + (view.run.toCheck != null ? ` of ${view.run.toCheck}` : '') + `, ${view.run.mismatches ?? 0} mismatch(es) so far`;
    if (view.run.status !== 'RUNNING') break;
    await new Promise(resolve => setTimeout(resolve, 1000));
    if (visit !== navigation) return;
    try {
      view = await api(`reconciliation/runs/${view.run.runId}`);
    } catch (error) {
      progress.replaceChildren(notice('error', error.message, `job-error-${job}`));
      button.disabled = false;
      return;
    }
  }
  const done = view.run;
  progress.replaceChildren(notice(done.status === 'COMPLETED' ? 'ok' : 'error',
    `Run ${done.runId} of ${job}: ${done.status}, ${done.checked} checked, ${view.findings.length} finding(s), ${done.healed} healed.`
      + (done.errorMessage ? ` ${done.errorMessage}` : ''), `job-result-${job}`),
    view.findings.length ? h('table', { className: 'findings', id: `job-findings-${job}` },
      h('thead', {}, h('tr', {}, ['Kind', 'Order', 'Healed', 'Finding'].map(c => h('th', {}, c)))),
      h('tbody', {}, view.findings.slice(0, 20).map(f => h('tr', { className: 'finding' }, h('td', {}, f.kind),
        h('td', {}, f.orderId ? h('a', { href: `#/orders/${encodeURIComponent(f.orderId)}` }, f.orderId) : ''),
        h('td', {}, f.healed ? 'yes' : 'no'), h('td', {}, f.message))))) : '');
  progress.dataset.done = 'true';
  button.disabled = false;
}

async function partnersPage() {
  const visit = navigation;
  showFor(visit, h('h1', {}, 'Partners and EDI'), h('p', { className: 'muted' }, 'Loading...'));
  try {
    const partners = await api('edi/partners');
    const counts = map => Object.entries(map || {}).map(([name, n]) => `${name} ${n}`).join(', ') || '-';
    showFor(visit, h('h1', {}, 'Partners and EDI'), h('table', { id: 'partners' },
      h('thead', {}, h('tr', {}, ['Partner', 'Name', 'Standard', 'Entity', 'Interchanges received', 'Repeats', 'Last received', 'Documents sent (acknowledgement)'].map(c => h('th', {}, c)))),
      h('tbody', {}, partners.map(p => h('tr', { className: 'clickable partner', 'data-partner': p.partner, onclick: () => { window.location.hash = `#/partners/${encodeURIComponent(p.partner)}`; } },
        h('td', {}, p.partner), h('td', {}, p.name || ''), h('td', {}, p.standard), h('td', {}, p.legalEntity || ''),
        h('td', {}, counts(p.interchangesReceived)), h('td', {}, p.duplicatesReceived), h('td', {}, time(p.lastReceivedAt)),
        h('td', {}, counts(p.documentsSent)))))));
  } catch (error) {
    showFor(visit, h('h1', {}, 'Partners and EDI'), notice('error', error.message, 'partners-error'));
  }
}

async function partnerPage(partnerId) {
  const visit = navigation;
  showFor(visit, h('h1', {}, `Partner ${partnerId}`), h('p', { className: 'muted' }, 'Loading...'));
  try {
    const [partners, interchanges, sent, sla] = await Promise.all([api('edi/partners'),
      api(`edi/interchanges${query({ partner: partnerId })}`), api(`edi/sent-documents${query({ partner: partnerId, limit: 100 })}`),
      api(`sla${query({ partner: partnerId })}`)]);
    const p = partners.find(candidate => candidate.partner === partnerId);
    if (!p) {
      showFor(visit, h('h1', {}, `Partner ${partnerId}`), notice('error', `No partner ${partnerId}.`, 'partner-error'));
      return;
    }
    const acks = p.acknowledgements || {};
    const facts = h('dl', { className: 'facts', id: 'partner-facts' }, fact('Name', p.name), fact('Standard', `${p.standard} ${(p.versions || []).join(', ')}`),
      fact('Legal entity', p.legalEntity), fact('Usage', p.usage),
      fact('Identity', p.identity ? Object.values(p.identity).filter(Boolean).join(' / ') : null),
      fact('Acknowledgements', `${acks.functional || 'none'}${acks.expectFromPartner ? `; the partner acknowledges ours within ${acks.overdueAfter}` : ''}`),
      fact('Interchanges received', Object.entries(p.interchangesReceived).map(([k, n]) => `${k} ${n}`).join(', ') || '-'),
      fact('Repeats received', p.duplicatesReceived), fact('Documents sent', Object.entries(p.documentsSent).map(([k, n]) => `${k} ${n}`).join(', ') || '-'));
    const scorecard = h('table', { id: 'sla-scorecard' },
      h('thead', {}, h('tr', {}, ['SLA', 'Entity', 'Met', 'Met late', 'Warning', 'Missed', 'Open'].map(c => h('th', {}, c)))),
      h('tbody', {}, (sla.summary || []).map(row => h('tr', {}, h('td', {}, row.sla), h('td', {}, row.legalEntity || ''),
        ['MET', 'MET_LATE', 'WARNING', 'MISSED', 'OPEN'].map(state => h('td', {}, row.states[state] ?? 0))))));
    const received = h('table', { id: 'partner-interchanges' },
      h('thead', {}, h('tr', {}, ['Received', 'Control number', 'Status', 'Transactions', 'Orders', 'Repeats', 'File'].map(c => h('th', {}, c)))),
      h('tbody', {}, interchanges.slice(0, 100).map(i => h('tr', { className: 'interchange' }, h('td', {}, time(i.receivedAt)), h('td', {}, i.controlNumber),
        h('td', {}, status(i.status)), h('td', {}, i.transactions), h('td', {}, i.orders), h('td', {}, i.duplicates), h('td', {}, i.fileName || '')))));
    const documents = h('table', { id: 'partner-sent-documents' },
      h('thead', {}, h('tr', {}, ['Sent', 'Document', 'Control numbers', 'Order', 'Acknowledgement', 'Due by', 'Answer'].map(c => h('th', {}, c)))),
      h('tbody', {}, sent.map(d => h('tr', { className: 'sent-document' }, h('td', {}, time(d.sentAt)), h('td', {}, d.documentType),
        h('td', {}, `${d.interchangeControl} / ${d.groupControl || '-'} / ${d.transactionControl}`),
        h('td', {}, d.orderId ? h('a', { href: `#/orders/${encodeURIComponent(d.orderId)}` }, d.orderId) : ''),
        h('td', {}, status(d.status)), h('td', {}, time(d.ackDueBy)), h('td', {}, d.acknowledgementDetail || '')))));
    showFor(visit, h('h1', {}, `Partner ${partnerId}`), facts, h('h2', {}, 'SLA scorecard'),
      h('p', { className: 'muted' }, 'Each order of the partner against its SLAs (850 to 997/855, to 856, to 810), within the reporting window.'), scorecard,
      h('h2', {}, 'Interchanges received'), received, h('h2', {}, 'Documents sent'), documents);
  } catch (error) {
    showFor(visit, h('h1', {}, `Partner ${partnerId}`), notice('error', error.message, 'partner-error'));
  }
}

// --- routing ----------------------------------------------------------------------------------------------------

async function route() {
  navigation++;
  const hash = window.location.hash || '#/dashboard';
  const [path, search] = hash.slice(1).split('?');
  const params = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll('header nav a').forEach(a => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  if (parts[0] === 'orders' && parts[1]) return orderPage(parts[1]);
  if (parts[0] === 'dead-letters' && parts[1]) return deadLetterPage(parts[1]);
  if (parts[0] === 'dead-letters') return deadLettersPage(params);
  if (parts[0] === 'audit') return auditPage(params);
  if (parts[0] === 'dashboard') return dashboardPage();
  if (parts[0] === 'partners' && parts[1]) return partnerPage(parts[1]);
  if (parts[0] === 'partners') return partnersPage();
  return searchPage(params);
}

async function start() {
  const response = await fetch('/console/session', { credentials: 'same-origin' });
  if (!response.ok) {
    window.location.href = '/console/login';
    return;
  }
  Object.assign(state, await response.json());
  document.getElementById('who').textContent = `${state.user} (${state.role})`;
  document.body.dataset.role = state.role;
  if (state.hawtio) document.getElementById('nav-hawtio').hidden = false;
  window.addEventListener('hashchange', route);
  route();
}

start();
