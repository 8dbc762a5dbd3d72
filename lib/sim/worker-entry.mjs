// A Monte Carlo worker's entry: TypeScript is loaded through tsx (as Hardhat's command line does),
// then the worker module named by the first message runs and takes the messages after it.
import { register } from "tsx/esm/api";

register();
process.once("message", (data) => {
  void import(data.module).then((worker) => worker.serve(data));
});
