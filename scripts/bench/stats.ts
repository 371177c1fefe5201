import { cpus, totalmem } from 'node:os';

/** Percentile of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown cpu'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}

export function verdict(value: number, target: number, lowerIsBetter = true): string {
  const ok = lowerIsBetter ? value <= target : value >= target;
  return `${ok ? 'PASS' : 'MISS'} (${(value / target).toFixed(2)}× the target)`;
}

export const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
