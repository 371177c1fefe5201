/**
 * A write lock held by another process (a backup, a CLI import, a second server): 12 parallel
 * `GET /api/v1/residents/:id` (each writes its audit entry first) and a `/healthz` sent among them,
 * against the real service on a temporary SQLite file; another process holds `BEGIN IMMEDIATE`.
 * Prints each answer's status and time, the health check's time, the event loop's longest stall, and
 * how long the first write after the lock is released takes. Then the same reads without the lock
 * (after one burst to warm up first, unreported).
 *
 * Run: tsx scripts/bench/busy.bench.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchServer } from './server.js';

const PARALLEL = 12;

/** A second process that holds the write lock until its stdin closes. */
async function holdWriteLock(dbPath: string): Promise<() => Promise<void>> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE');
       console.log('locked'); process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
       process.stdin.resume();`,
      dbPath,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  return () =>
    new Promise<void>((resolve) => {
      holder.once('exit', () => resolve());
      holder.stdin.end();
    });
}

async function timed(url: string, init?: RequestInit) {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: performance.now() - started };
}

async function burst(url: string, token: string, residentIds: number[]) {
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  // The health check in the middle of them, all sent at once. Client and server share this process's
  // event loop, so each answer's time includes every stall of the server before it was read.
  const half = residentIds.length / 2;
  const read = (id: number) => timed(`${url}/api/v1/residents/${id}`, auth);
  const reads = residentIds.slice(0, half).map(read);
  const health = timed(`${url}/healthz`);
  reads.push(...residentIds.slice(half).map(read));
  const answers = await Promise.all(reads);
  const healthz = await health;
  const totalMs = performance.now() - started;
  loop.disable();
  return { answers, healthz, totalMs, maxStallMs: loop.max / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-busy-'));
const service = await startBenchServer(join(dir, 'busy.sqlite'));
try {
  const residentIds = Array.from(
    { length: PARALLEL },
    (_, i) =>
      service.services.residents.create(
        {
          name: `Bewoner ${i}`,
          phone: '045 531 0000',
          address: { street: 'Hoofdstraat', houseNumber: String(i + 1), postcode: '6371 AB', city: 'Landgraaf' },
          location: { lat: 50.8915, lon: 6.0259 },
        },
        'bench',
      ).id,
  );
  // Warm: the first requests of a process compile the routes' code, which is not what is measured.
  await burst(service.url, service.token, residentIds);
  console.log(`load average ${loadavg()[0]!.toFixed(1)}`);
  const release = await holdWriteLock(service.db.$client.name);
  const held = await burst(service.url, service.token, residentIds);
  await release();
  const after = await timed(`${service.url}/api/v1/residents/${residentIds[0]}`, {
    headers: { Authorization: `Bearer ${service.token}` },
  });
  const free = await burst(service.url, service.token, residentIds);
  const statuses = (answers: { status: number; retryAfter: string | null }[]) =>
    [...new Set(answers.map((a) => `${a.status}${a.retryAfter ? ` Retry-After ${a.retryAfter}` : ''}`))].join(', ');
  const slowest = (answers: { ms: number }[]) => Math.max(...answers.map((a) => a.ms)).toFixed(0);
  console.log(
    `lock held: ${PARALLEL} reads answered ${statuses(held.answers)}, slowest ${slowest(held.answers)} ms, ` +
      `all in ${held.totalMs.toFixed(0)} ms; /healthz ${held.healthz.status} in ${held.healthz.ms.toFixed(0)} ms; ` +
      `event loop stalled up to ${held.maxStallMs.toFixed(0)} ms`,
  );
  console.log(`lock released: the next read answered ${after.status} in ${after.ms.toFixed(0)} ms`);
  console.log(
    `no lock: ${PARALLEL} reads answered ${statuses(free.answers)}, slowest ${slowest(free.answers)} ms, ` +
      `all in ${free.totalMs.toFixed(0)} ms; /healthz ${free.healthz.status} in ${free.healthz.ms.toFixed(0)} ms; ` +
      `event loop stalled up to ${free.maxStallMs.toFixed(0)} ms`,
  );
} finally {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
}
