import { rewardMinterManipulation as scenario } from "../../../lib/scenarios/reward-minter-manipulation.js";
import { MinterManipulationAttacker__factory } from "../../../typechain-types/index.js";
import { ethers, loadFixture, networkHelpers } from "../../helpers/connection.js";
import { expectFlashBorrowerGuards } from "../../helpers/flash-attackers.js";
import { sandboxFixture } from "../../helpers/fixtures.js";

/** The scenario's vulnerable side on the sandbox, as the attacker finds it. */
async function attackerFixture() {
  const { actors, ...sandbox } = await loadFixture(sandboxFixture);
  const env = { ethers, networkHelpers, actors, sandbox, log: () => {} };
  return { env, world: await scenario.setup(env, "vulnerable") };
}

describe("MinterManipulationAttacker", function () {
  it("answers only its owner, the lender, and loans it took itself", async function () {
    const { env, world } = await loadFixture(attackerFixture);
    const attacker = await new MinterManipulationAttacker__factory(world.attacker).deploy(
      await env.sandbox.flashLender.getAddress(),
      await world.minter.getAddress(),
      await world.usdc.getAddress(),
      await world.yld.getAddress(),
      await world.bonus.getAddress(),
      await world.feePair.getAddress(),
      await world.bonusPair.getAddress(),
    );
    await expectFlashBorrowerGuards(env, attacker, async () =>
      attacker.connect(env.actors.alice).attack(1n, 1n),
    );
  });
});
