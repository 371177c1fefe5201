import { Worker } from 'node:worker_threads';
import type { HelperProfile, MatchContext } from '../matching/matching.types.js';
import type { RoundJob, RoundPlan } from '../matching/round.js';

export interface PlanInput {
  jobs: RoundJob[];
  helpers: HelperProfile[];
  ctx: MatchContext;
}

export interface PlanRequest {
  id: number;
  input: PlanInput;
}

export type PlanReply = { id: number; plan: RoundPlan } | { id: number; error: string };

/**
 * Plans rounds on one worker thread, started at the first round and kept for the next. The worker runs
 * the TypeScript sources through tsx, as the service itself does. It does not keep the process alive.
 */
export function createRoundPlanner() {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (plan: RoundPlan) => void; reject: (err: Error) => void }>();

  function failAll(err: Error): void {
    for (const { reject } of waiting.values()) reject(err);
    waiting.clear();
    worker = null;
  }

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./round.worker.mjs', import.meta.url));
    w.unref();
    w.on('message', (reply: PlanReply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) w.unref();
      if ('error' in reply) pending?.reject(new Error(`round planning failed: ${reply.error}`));
      else pending?.resolve(reply.plan);
    });
    w.on('error', failAll);
    w.on('exit', (code) => failAll(new Error(`the round planner stopped (exit code ${code})`)));
    worker = w;
    return w;
  }

  return {
    plan(input: PlanInput): Promise<RoundPlan> {
      const w = started();
      const id = ++nextId;
      return new Promise<RoundPlan>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, input } satisfies PlanRequest);
      });
    },
    async close(): Promise<void> {
      await worker?.terminate();
    },
  };
}

export type RoundPlanner = ReturnType<typeof createRoundPlanner>;
