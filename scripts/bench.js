#!/usr/bin/env node
// Measures the import in one run and prints a Markdown report (docs/benchmarks.md keeps one):
//   1. parse throughput of a 100 000-row eMJPM file and heap use while streaming it;
//   2. one batch request per 1000 mesures against one request per mesure;
//   3. batch concurrency 1, 2 and 4 with 50 ms of added server latency;
//   4. the whole 100 000-row file imported with the default options, then imported again.
// The sandbox runs in this process on 127.0.0.1 and the CLI runs as a child process, so both
// sides do real HTTP. Every loop is bounded by the row counts below.
//
//   npm run build && node scripts/bench.js [--rows 100000] [--send-rows 2000]

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { IssueLog } from '../dist/import/issues.js';
import { emjpmMapping } from '../dist/import/mapping.js';
import { frenchPostalCodeSet } from '../dist/import/postal-codes.js';
import { prepareRows } from '../dist/import/prepare.js';
import { openSource } from '../dist/import/read.js';
import { silentSink } from '../dist/output/sink.js';
import { startSandbox } from '../dist/sandbox/index.js';

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'send-rows': { type: 'string', default: '2000' },
  },
});
const parseRows = Number(options.rows);
const sendRows = Number(options['send-rows']);
const binary = fileURLToPath(new URL('../bin/emjpm.js', import.meta.url));
const generator = fileURLToPath(new URL('./generate-fixture.js', import.meta.url));
/** Maximum time of one CLI import before the benchmark gives up. */
const runTimeoutMs = 600_000;

const folder = await mkdtemp(join(tmpdir(), 'emjpm-bench-'));
try {
  const report = [];
  report.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`);
  report.push(`Command: \`node scripts/bench.js --rows ${parseRows} --send-rows ${sendRows}\`.`, '');

  const bigFile = join(folder, 'big.csv');
  await run(process.execPath, [generator, '--rows', String(parseRows), '--bom', '--crlf', '--out', bigFile]);
  report.push(...(await measureParsing(bigFile)), '');

  const sendFile = join(folder, 'send.csv');
  await run(process.execPath, [generator, '--rows', String(sendRows), '--seed', '3', '--out', sendFile]);
  report.push(...(await measureBatching(sendFile)), '');
  report.push(...(await measureConcurrency(sendFile)), '');
  report.push(...(await measureFullImport(bigFile)));

  console.log(report.join('\n'));
} finally {
  await rm(folder, { recursive: true, force: true });
}

/** Streams the file through read, map and validate twice: reading only, then the full stage. */
async function measureParsing(file) {
  const courts = (await readFile(new URL('../fixtures/data/tribunaux.csv', import.meta.url), 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => ({ siret: line.split(';')[0] }));

  globalThis.gc?.();
  const heapSamples = [];
  let started = performance.now();
  const source = await openSource(file);
  let rows = 0;
  for await (const row of source.rows) {
    rows += 1;
    if (row && rows % (parseRows / 4) === 0) heapSamples.push(`${rows}: ${megabytes(process.memoryUsage().heapUsed)}`);
  }
  const readSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const prepared = await prepareRows(await openSource(file), {
    mapping: emjpmMapping(source.headers),
    context: { frenchPostalCodes: frenchPostalCodeSet(), knownSirets: new Set(courts.map((court) => court.siret)) },
    tribunaux: courts,
    loadAntennes: async () => [],
    strictRg: false,
    log: new IssueLog(),
    sink: silentSink,
  });
  const prepareSeconds = (performance.now() - started) / 1000;

  return [
    `## Parsing ${rows} rows (${megabytes(source.bytes().total)} file)`,
    '',
    '| stage | time | rows per second |',
    '| --- | --- | --- |',
    `| read (decode, split, parse CSV) | ${readSeconds.toFixed(2)} s | ${Math.round(rows / readSeconds)} |`,
    `| read, map and validate (${prepared.valid} valid) | ${prepareSeconds.toFixed(2)} s | ${Math.round(rows / prepareSeconds)} |`,
    '',
    `Heap used while only reading, by rows read: ${heapSamples.join(', ')}. The validated rows are kept for the plan, so the full stage holds them all.`,
  ];
}

/** Imports the same file with 1000-mesure batches and with one mesure per request. */
async function measureBatching(file) {
  const lines = ['## Batch against one request per mesure', '', '| mode | requests | time | mesures per second |', '| --- | --- | --- | --- |'];
  for (const [label, batchSize] of [
    ['POST /mesures/batch, 1000 per request', '1000'],
    ['one mesure per request', '1'],
  ]) {
    const { seconds, summary } = await timedImport(file, ['--batch-size', batchSize, '--concurrency', '1'], 0);
    lines.push(`| ${label} | ${summary.requests} | ${seconds.toFixed(2)} s | ${Math.round(summary.created / seconds)} |`);
  }
  return lines;
}

/** Imports the same file in batches of 100 with 1, 2 and 4 batches in flight. */
async function measureConcurrency(file) {
  const latencyMs = 50;
  const lines = [
    `## Batches in flight (batches of 100, ${latencyMs} ms added server latency)`,
    '',
    '| --concurrency | time | speed-up |',
    '| --- | --- | --- |',
  ];
  let baseline;
  for (const concurrency of [1, 2, 4]) {
    const { seconds } = await timedImport(file, ['--batch-size', '100', '--concurrency', String(concurrency)], latencyMs);
    baseline ??= seconds;
    lines.push(`| ${concurrency} | ${seconds.toFixed(2)} s | ${(baseline / seconds).toFixed(2)}× |`);
  }
  return lines;
}

/** Imports the large file with the default options, then again into the same sandbox. */
async function measureFullImport(file) {
  const lines = [`## Whole file (${parseRows} rows, default options)`, '', '| run | requests | time | result |', '| --- | --- | --- | --- |'];
  const sandbox = await startSandbox({ rateLimit: 0 });
  try {
    for (const run of ['first import', 'same file again']) {
      const { seconds, summary } = await timedImport(file, [], 0, sandbox);
      lines.push(`| ${run} | ${summary.requests} | ${seconds.toFixed(2)} s | ${summary.created} created, ${summary.unchanged} unchanged |`);
    }
  } finally {
    await sandbox.close();
  }
  return lines;
}

/**
 * Runs one import of `file` into `existing`, or into a fresh sandbox with `latencyMs` added to
 * each request, and returns its duration and summary.
 */
async function timedImport(file, args, latencyMs, existing) {
  const sandbox = existing ?? (await startSandbox({ rateLimit: 0, faults: { latencyMs } }));
  try {
    const token = sandbox.issueTokens(sandbox.users[0].login).access_token;
    const env = {
      PATH: process.env.PATH,
      HOME: folder,
      XDG_CONFIG_HOME: join(folder, '.config'),
      EMJPM_API_URL: sandbox.apiUrl,
      EMJPM_APP_URL: sandbox.appUrl,
      EMJPM_CLIENT_ID: String(sandbox.editor.clientId),
      EMJPM_ACCESS_TOKEN: token,
      EMJPM_RATE_LIMIT: '1000000',
    };
    const stdout = await run(process.execPath, [binary, 'mesures', 'import', file, '--json', ...args], env);
    const summary = JSON.parse(stdout).summary;
    // The import's own duration, from opening the file to the last response, without process start-up.
    return { seconds: summary.durationMs / 1000, summary };
  } finally {
    if (!existing) await sandbox.close();
  }
}

/** Runs a program asynchronously (the sandbox shares this event loop) and returns its stdout. */
function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), runTimeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

function megabytes(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
