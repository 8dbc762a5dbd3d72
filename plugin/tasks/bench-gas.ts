/**
 * Gas of the sandbox AMM beside Uniswap V2 (the npm builds), measured from receipts in one chain
 * (lib/chain/bench/amm-gas.ts measures).
 */
import Table from "cli-table3";

import { measureAmmGas } from "../../lib/chain/bench/amm-gas.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { sandboxAction } from "../../lib/terminal/task.js";

export default sandboxAction<{ json: boolean }>(async (args, hre, io) => {
  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  const rows = await measureAmmGas(connection, io.say);
  if (args.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const table = new Table({
    head: ["operation", "gas ours", "gas V2", "ratio", "target", "met?"],
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: ["left", "right", "right", "right", "right", "center"],
  });
  for (const row of rows) {
    table.push([
      row.operation,
      row.gasOurs.toLocaleString("en-US"),
      row.gasV2.toLocaleString("en-US"),
      row.ratio.toFixed(3),
      row.target === null ? "—" : `≤ ${row.target.toFixed(2)}`,
      row.met === null ? "—" : row.met ? "yes" : "no",
    ]);
  }
  io.out(`${table.toString()}\n`);
});
