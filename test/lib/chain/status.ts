import { expect } from "chai";

import { TIMELOCK_DELAY } from "../../../ignition/modules/Governance.js";
import { addressesOf } from "../../../lib/chain/sandbox.js";
import { governanceSection } from "../../../lib/chain/status.js";
import { connection, ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

describe("lib/chain/status governance section", function () {
  it("shows the timelock, its delay, and the timelock as the admin of every owned contract", async function () {
    const { actors, ...sandbox } = await loadFixture(sandboxFixture);
    const section = await governanceSection({
      connection,
      ethers,
      sandbox,
      addresses: await addressesOf(sandbox),
      account: { label: "alice", address: actors.alice.address },
    });
    const timelock = await sandbox.timelock.getAddress();
    expect(section.key).to.equal("governance");
    expect(section.rows.map(([key]) => key)).to.deep.equal([
      "farm",
      "governanceFarm",
      "staking",
      "lendingMarket",
      "flashLender",
      "reporterOracle",
      "spotPriceOracle",
      "twapPriceOracle",
      "factory",
      "reward",
      "governance",
      "liquidStaking",
    ]);
    expect(section.rows.every(([, admin]) => admin === "timelock")).to.equal(true);
    const data = section.data as { timelock: string; minDelay: string; admins: object };
    expect(data.timelock).to.equal(timelock);
    expect(data.minDelay).to.equal(TIMELOCK_DELAY.toString());
    expect(Object.values(data.admins).every((a) => a === timelock)).to.equal(true);
  });
});
