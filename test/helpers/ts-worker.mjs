// Worker threads do not get Vitest's transform: register the swc hooks in this thread, then load
// the TypeScript worker module named by the pool (src/validation/engine/pool.ts).
import { workerData } from 'node:worker_threads';

await import('./swc-register.mjs');
const mod = await import(workerData.entry);

export default mod.default;
