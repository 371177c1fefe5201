/**
 * The round's planning on a worker thread: candidates for every request and the assignment solver can
 * take a few hundred milliseconds, which the API and the live board must not wait for.
 */
import { parentPort } from 'node:worker_threads';
import { planRound } from '../matching/round.js';
import type { PlanRequest, PlanReply } from './round-planner.js';

parentPort!.on('message', ({ id, input }: PlanRequest) => {
  let reply: PlanReply;
  try {
    reply = { id, plan: planRound(input.jobs, input.helpers, input.ctx) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
