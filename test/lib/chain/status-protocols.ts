import { expect } from "chai";

import { D } from "../../../lib/pure/analytics/decimal.js";
import { addressesOf } from "../../../lib/chain/sandbox.js";
import {
  type StatusContext,
  farmsSection,
  lendingSection,
  poolsSection,
} from "../../../lib/chain/status.js";
import { connection, ethers, loadFixture } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

const WAD = 10n ** 18n;

async function statusContext(): Promise<StatusContext> {
  const { actors, ...sandbox } = await loadFixture(sandboxFixture);
  const addresses = await addressesOf(sandbox);
  return {
    connection,
    ethers,
    sandbox,
    addresses,
    account: { label: "alice", address: actors.alice.address },
  };
}

describe("the status view's protocol sections", function () {
  it("shows each AMM pool's seeded reserves and price", async function () {
    const section = await poolsSection(await statusContext());
    const rows = Object.fromEntries(section.rows.map((r) => [r[0], r]));
    const wethUsdc = rows["WETH/USDC"] ?? rows["USDC/WETH"];
    expect(wethUsdc[1]).to.be.oneOf(["100 WETH + 200000 USDC", "200000 USDC + 100 WETH"]);
    expect(wethUsdc[2]).to.be.oneOf(["1 WETH = 2000 USDC", "1 USDC = 0.0005 WETH"]);
    const rewardWeth = rows["RWD/WETH"] ?? rows["WETH/RWD"];
    expect(rewardWeth[2]).to.be.oneOf(["1 RWD = 0.0005 WETH", "1 WETH = 2000 RWD"]);
    expect(section.rows).to.have.length(3);
  });

  it("shows each farm pool's weight and the reward APR of what is staked", async function () {
    const ctx = await statusContext();
    const { sandbox } = ctx;
    const alice = (await ethers.getSigners())[1];
    // Alice buys RWD with 1 WETH and stakes it in the RWD pool (weight 100 of 1,000): 0.1 RWD a
    // second for her stake S, valued alike, is an APR of 0.1 × 31,536,000 / S.
    const router = sandbox.router.connect(alice);
    const [weth, reward] = [await sandbox.weth.getAddress(), await sandbox.reward.getAddress()];
    await (await sandbox.weth.connect(alice).approve(await router.getAddress(), WAD)).wait();
    await (
      await router.swapExactTokensForTokens(WAD, 0n, [weth, reward], alice.address, 2n ** 40n)
    ).wait();
    const staked = await sandbox.reward.balanceOf(alice.address);
    await (
      await sandbox.reward.connect(alice).approve(await sandbox.farm.getAddress(), staked)
    ).wait();
    await (await sandbox.farm.connect(alice).deposit(3n, staked, alice.address)).wait();
    const expectedApr = new D("0.1")
      .mul(31_536_000)
      .mul(100)
      .div(new D(staked.toString()).div(WAD.toString()));
    const section = await farmsSection(ctx);
    expect(section.rows.map((r) => r[2])).to.deep.equal([
      "300/1000",
      "300/1000",
      "300/1000",
      "100/1000",
    ]);
    expect(section.rows[0][5]).to.equal("— (nothing staked)");
    expect(section.rows[3][1]).to.equal("RWD");
    expect(section.rows[3][5]).to.equal(`${expectedApr.toFixed(2)}%`);
  });

  it("shows the lending market's rates at zero utilization: suppliers earn nothing, borrowers pay the base", async function () {
    const section = await lendingSection(await statusContext());
    expect(section.rows.length).to.be.greaterThan(0);
    for (const row of section.rows) {
      expect(row[1]).to.equal("0.00%");
      expect(row[2]).to.equal("0.00%");
    }
    // The stable model's base rate is 0%, the volatile one's 2%.
    expect(section.rows.map((r) => r[4])).to.include.members(["0.00%", "2.00%"]);
  });
});
