/**
 * The round's planning on a worker thread: candidates for every request and the solvers can take a few
 * hundred milliseconds, which the API and the live board must not wait for. HiGHS loads once, as the
 * worker starts; a round that arrives meanwhile waits for it.
 */
import { parentPort } from 'node:worker_threads';
import { planRound } from '../matching/round.js';
import { loadHighsSolver } from './highs-solver.js';
import type { PlanRequest, PlanReply } from './round-planner.js';

const solver = loadHighsSolver();

parentPort!.on('message', async ({ id, input }: PlanRequest) => {
  let reply: PlanReply;
  try {
    reply = { id, plan: planRound(input.jobs, input.helpers, input.ctx, { solver: await solver }) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
