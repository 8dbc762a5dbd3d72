/**
 * Gas of the farm and the lock-tier staking beside MasterChef v1 and StakingRewards, and the scaling
 * check of a harvest with 1 and with 1,000 stakers (lib/chain/bench/farm-gas.ts measures).
 */
import Table from "cli-table3";

import { measureFarmGas } from "../../lib/chain/bench/farm-gas.js";
import { connectNetwork, networkNameOf } from "../../lib/chain/network.js";
import { sandboxAction } from "../../lib/terminal/task.js";

export default sandboxAction<{ json: boolean }>(async (args, hre, io) => {
  const connection = await connectNetwork(hre, networkNameOf(hre, "default"));
  const { operations: rows, scaling: scalingRow } = await measureFarmGas(connection, io.say);
  if (args.json) {
    io.out(`${JSON.stringify({ operations: rows, scaling: scalingRow }, null, 2)}\n`);
    return;
  }
  const table = new Table({
    head: ["operation", "gas", "anchor", "anchor gas", "ratio", "target", "met?"],
    style: { head: [], border: [] },
    colAligns: ["left", "right", "left", "right", "right", "right", "center"],
  });
  for (const row of rows) {
    table.push([
      row.operation,
      row.gas.toLocaleString("en-US"),
      row.anchor,
      row.anchorGas.toLocaleString("en-US"),
      row.ratio.toFixed(3),
      `≤ ${row.target.toFixed(2)}`,
      row.met ? "yes" : "no",
    ]);
  }
  io.out(`${table.toString()}\n`);
  const scalingTable = new Table({
    head: ["scaling check", "1 staker", "1,000 stakers", "difference", "target", "met?"],
    style: { head: [], border: [] },
    colAligns: ["left", "right", "right", "right", "right", "center"],
  });
  scalingTable.push([
    "farm: harvest",
    scalingRow.harvestWith1Staker.toLocaleString("en-US"),
    scalingRow.harvestWith1000Stakers.toLocaleString("en-US"),
    `${(scalingRow.difference * 100).toFixed(3)}%`,
    "< 1%",
    scalingRow.met ? "yes" : "no",
  ]);
  io.out(`${scalingTable.toString()}\n`);
});
