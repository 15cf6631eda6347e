// Reads an X12 or EDIFACT file with an independent parser from npm (node-x12 for X12, edifact for EDIFACT) and
// prints what it sees as JSON: every segment with its elements, the envelopes with their control numbers, and the
// packing hierarchy of ship notices (X12 HL levels, EDIFACT CPS levels) as the file states it.
// Used through io.ordersync.edi.IndependentEdiParser to check the acknowledgements and partner documents StAEDI wrote:
//   node src/test/browser/edi-parse.mjs <file>
// Exit code 0 with the JSON on stdout; 2 with {"error": ...} when the parser cannot read the file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function version(pkg) {
  return `${pkg} ${require(`${pkg}/package.json`).version}`;
}

// Levels of a hierarchy: each opening segment (X12 HL, EDIFACT CPS) with its id, its parent's id, and the tags of
// the segments up to the next level. The ids are copied as written; the test checks that the parents make a tree.
function levels(segments, opens, describe) {
  const found = [];
  for (const s of segments) {
    if (s.tag === opens) {
      found.push({ ...describe(s.elements), segments: [] });
    } else if (found.length > 0) {
      found[found.length - 1].segments.push(s.tag);
    }
  }
  return found;
}

const hlLevel = (e) => ({ id: e[0] ?? null, parent: e[1] || null, code: e[2] ?? null, childCode: e[3] ?? null });
const cpsLevel = (e) => ({ id: e[0]?.[0] ?? null, parent: e[1]?.[0] || null, code: e[2]?.[0] ?? null });

async function x12(text) {
  const { X12Parser } = require('node-x12');
  // the segments as node-x12's stream parser emits them (its object model keeps only ISA/GS/ST content, no TA1)
  const segments = await new Promise((resolve, reject) => {
    const found = [];
    const stream = new X12Parser(false);
    stream.on('data', (s) => found.push({ tag: s.tag, elements: s.elements.map((e) => e.value) }));
    stream.on('end', () => resolve(found));
    stream.on('error', reject);
    stream.end(text);
  });

  // the envelope model, strict (header/trailer counts and control numbers checked by node-x12) and lenient
  let strict = 'ok';
  try {
    new X12Parser(true).parse(text);
  } catch (e) {
    strict = e.message;
  }
  const lenient = new X12Parser(false);
  const parsed = lenient.parse(text);
  const interchanges = (Array.isArray(parsed) ? parsed : [parsed]).map((i) => ({
    sender: i.header.valueOf(6).trim(),
    receiver: i.header.valueOf(8).trim(),
    controlNumber: i.header.valueOf(13),
    version: i.header.valueOf(12),
    usage: i.header.valueOf(15),
    groupCount: i.trailer ? i.trailer.valueOf(1) : null,
    trailerControlNumber: i.trailer ? i.trailer.valueOf(2) : null,
    groups: i.functionalGroups.map((g) => ({
      functionalId: g.header.valueOf(1),
      sender: g.header.valueOf(2),
      receiver: g.header.valueOf(3),
      controlNumber: g.header.valueOf(6),
      version: g.header.valueOf(8),
      transactionCount: g.trailer ? g.trailer.valueOf(1) : null,
      trailerControlNumber: g.trailer ? g.trailer.valueOf(2) : null,
      transactions: g.transactions.map((t) => ({
        type: t.header.valueOf(1),
        controlNumber: t.header.valueOf(2),
        segmentCount: t.trailer ? t.trailer.valueOf(1) : null,
        trailerControlNumber: t.trailer ? t.trailer.valueOf(2) : null,
        segments: t.segments.map((s) => ({ tag: s.tag, elements: s.elements.map((e) => e.value) })),
        levels: levels(t.segments.map((s) => ({ tag: s.tag, elements: s.elements.map((e) => e.value) })), 'HL',
          hlLevel),
      })),
    })),
  }));
  return {
    standard: 'X12',
    parser: version('node-x12'),
    strict,
    diagnostics: lenient.diagnostics.map((d) => d.message),
    segments,
    interchanges,
  };
}

function edifact(text) {
  const { Reader } = require('edifact');
  const segments = new Reader({ autoDetectEncoding: true }).parse(text)
    .map((s) => ({ tag: s.name, elements: s.elements }));
  const interchanges = [];
  let interchange = null;
  let message = null;
  for (const s of segments) {
    const e = (i, c = 0) => (s.elements[i] === undefined ? null : s.elements[i][c] ?? null);
    if (s.tag === 'UNB') {
      interchange = {
        syntax: s.elements[0].join(':'), sender: e(1), receiver: e(2), controlNumber: e(4),
        testIndicator: e(10), messages: [],
      };
      interchanges.push(interchange);
    } else if (s.tag === 'UNZ') {
      interchange.messageCount = e(0);
      interchange.trailerControlNumber = e(1);
    } else if (s.tag === 'UNH') {
      message = { reference: e(0), type: s.elements[1].join(':'), segments: [], countedSegments: 1 };
      interchange.messages.push(message);
    } else if (s.tag === 'UNT') {
      message.countedSegments += 1;
      message.segmentCount = e(0);
      message.trailerReference = e(1);
      message.levels = levels(message.segments, 'CPS', cpsLevel);
      message = null;
    } else if (message) {
      message.countedSegments += 1;
      message.segments.push(s);
    }
  }
  return { standard: 'EDIFACT', parser: version('edifact'), segments, interchanges };
}

const file = process.argv[2];
try {
  // the outbox holds EDIFACT in ISO 8859-1 (syntax level UNOC): bytes that are not UTF-8 are read as Latin-1
  const bytes = readFileSync(file);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = bytes.toString('latin1');
  }
  text = text.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const result = start.startsWith('ISA') ? await x12(start) : edifact(start);
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: String(e && e.stack ? e.stack : e) })}\n`);
  process.exit(2);
}
