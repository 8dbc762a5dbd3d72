// A worker thread's entry: TypeScript is loaded through tsx (as Hardhat's command line does in the
// main thread), then the simulation's worker module runs.
import { workerData } from "node:worker_threads";

import { register } from "tsx/esm/api";

register();
await import(workerData.module);
