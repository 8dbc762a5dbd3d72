import { vaultPriceManipulation as scenario } from "../../../lib/scenarios/vault-price-manipulation.js";
import { VaultManipulationAttacker__factory } from "../../../typechain-types/index.js";
import { networkHelpers } from "../../helpers/connection.js";
import { expectFlashBorrowerGuards } from "../../helpers/flash-attackers.js";
import { scenarioEnvFixture } from "../../helpers/scenarios.js";

describe("VaultManipulationAttacker", function () {
  it("answers only its owner, the lender, and loans it took itself", async function () {
    const env = await networkHelpers.loadFixture(scenarioEnvFixture);
    const world = await scenario.setup(env, "vulnerable");
    const attacker = await new VaultManipulationAttacker__factory(world.attacker).deploy(
      await env.sandbox.flashLender.getAddress(),
      await world.vault.getAddress(),
      await world.pair.getAddress(),
      await world.str.getAddress(),
    );
    await expectFlashBorrowerGuards(env, attacker, async () =>
      attacker.connect(env.actors.alice).attack(1n, 1n),
    );
  });
});
