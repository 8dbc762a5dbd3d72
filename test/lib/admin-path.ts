import { expect } from "chai";

import { keyPath, pendingCallsTo, timelockPath } from "../../lib/scenarios/admin-path.js";
import { describeRevert } from "../../lib/scenarios/run.js";
import { SandboxTimelock__factory } from "../../typechain-types/index.js";
import { ethers, loadFixture, networkHelpers } from "../helpers/connection.js";
import { scenarioEnvFixture } from "../helpers/scenarios.js";

const DELAY = 3_600n;
const AMOUNT = 123n * 10n ** 18n;

/** A fresh timelock (1 h) whose only proposer is keeper, and a faucet call the admin makes. */
async function adminPathSetup() {
  const env = await loadFixture(scenarioEnvFixture);
  const { keeper, treasury } = env.actors;
  const timelock = await new SandboxTimelock__factory(keeper).deploy(
    DELAY,
    [keeper.address],
    [ethers.ZeroAddress],
    ethers.ZeroAddress,
  );
  await timelock.waitForDeployment();
  const dai = env.sandbox.dai;
  const call = {
    target: await dai.getAddress(),
    data: dai.interface.encodeFunctionData("faucet", [treasury.address, AMOUNT]),
  };
  return { env, timelock, call, dai, treasury: treasury.address };
}

describe("scenario admin paths", function () {
  it("makes a key's calls at once", async function () {
    const { env, call, dai, treasury } = await adminPathSetup();
    const before = await dai.balanceOf(treasury);
    const path = keyPath(env.actors.keeper);
    expect(path.timelock).to.equal(null);
    await path.act([call, call]);
    expect((await dai.balanceOf(treasury)) - before).to.equal(2n * AMOUNT);
    expect(await path.executeQueued()).to.equal(null);
  });

  it("queues a timelock's calls in public, refuses them before the delay, and runs them after it", async function () {
    const { env, timelock, call, dai, treasury } = await adminPathSetup();
    const before = await dai.balanceOf(treasury);
    const from = await ethers.provider.getBlockNumber();
    const path = timelockPath(env, timelock, env.actors.keeper, DELAY);
    expect(path.label).to.equal("timelock, 1 h delay");
    const reverted = await path.act([call]).then(
      () => false,
      () => true,
    );
    expect(reverted, "immediate execution reverts").to.equal(true);
    expect(await dai.balanceOf(treasury), "nothing ran yet").to.equal(before);
    expect(await pendingCallsTo(timelock, call.target, from)).to.deep.equal([call]);
    const start = await networkHelpers.time.latest();
    expect(await path.executeQueued(), "executed").to.equal(null);
    expect(BigInt(await networkHelpers.time.latest()) - BigInt(start) >= DELAY).to.equal(true);
    expect((await dai.balanceOf(treasury)) - before).to.equal(AMOUNT);
    expect(await pendingCallsTo(timelock, call.target, from)).to.deep.equal([]);
    expect(await path.executeQueued(), "nothing left to run").to.equal(null);
  });

  it("refuses an account without the proposer role and queues nothing", async function () {
    const { env, timelock, call } = await adminPathSetup();
    const from = await ethers.provider.getBlockNumber();
    const path = timelockPath(env, timelock, env.actors.attacker, DELAY);
    let error: unknown = null;
    await path.act([call]).catch((e: unknown) => {
      error = e;
    });
    expect(describeRevert(error, [timelock.interface])).to.equal(
      `AccessControlUnauthorizedAccount(${env.actors.attacker.address}, ${await timelock.PROPOSER_ROLE()})`,
    );
    expect(await pendingCallsTo(timelock, call.target, from)).to.deep.equal([]);
  });
});
