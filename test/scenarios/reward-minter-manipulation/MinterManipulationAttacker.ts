import { rewardMinterManipulation as scenario } from "../../../lib/scenarios/reward-minter-manipulation.js";
import { MinterManipulationAttacker__factory } from "../../../typechain-types/index.js";
import { networkHelpers } from "../../helpers/connection.js";
import { expectFlashBorrowerGuards } from "../../helpers/flash-attackers.js";
import { scenarioEnvFixture } from "../../helpers/scenarios.js";

describe("MinterManipulationAttacker", function () {
  it("answers only its owner, the lender, and loans it took itself", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const world = await scenario.setup(env, "vulnerable");
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
