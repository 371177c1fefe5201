// The worker's entry: `--import tsx` does not reach a worker thread on Node 20, so the TypeScript
// planner is loaded through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./round.worker.ts', import.meta.url);
