import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, ZeroHash } from "ethers";

import AirdropModule from "./Airdrop.js";
import AmmModule from "./Amm.js";
import FarmingModule from "./Farming.js";
import GovernanceModule, { TIMELOCK_DELAY } from "./Governance.js";
import LendingModule from "./Lending.js";
import LiquidStakingModule from "./LiquidStaking.js";
import TokensModule from "./Tokens.js";
import VaultModule from "./Vault.js";

const DEFAULT_ADMIN_ROLE = ZeroHash;
const PROPOSER_ROLE = id("PROPOSER_ROLE");
/** Salt of the one timelock operation the deployer ever schedules. */
export const HANDOVER_SALT = id("sandbox: the timelock accepts its admin powers");

/**
 * The last step of a sandbox deployment: every admin power moves to the governance timelock and the
 * deployer keeps none. Runs after every other module has done its setup as the deployer.
 *
 * - One-step handovers: the AMM factory's feeToSetter, and DEFAULT_ADMIN_ROLE of the reward token,
 *   the governance token and the liquid staking (granted to the timelock, renounced by the deployer).
 * - Ownable2Step contracts (the two farms, the staking, the lending market, the flash lender, the
 *   three price oracles and the vault): the deployer calls `transferOwnership(timelock)`, and the timelock accepts
 *   them all in one batch the deployer schedules and executes while the timelock is still in its
 *   bootstrap state (no delay, the deployer a temporary proposer). The same batch's last call sets the
 *   timelock's delay to `timelockDelay`, so nothing can run through the timelock without waiting from
 *   then on; then the deployer renounces its proposer and admin roles on the timelock.
 *
 * A module that adds an owned contract to the sandbox adds it to `owned` (Ownable2Step) or hands its
 * role over here.
 */
export default buildModule("Handover", (m) => {
  const deployer = m.getAccount(0);
  const { reward, governance } = m.useModule(TokensModule);
  const { factory } = m.useModule(AmmModule);
  const { farm, governanceFarm, staking } = m.useModule(FarmingModule);
  const { lendingMarket, flashLender, reporterOracle, spotPriceOracle, twapPriceOracle } =
    m.useModule(LendingModule);
  const { liquidStaking } = m.useModule(LiquidStakingModule);
  const { vault } = m.useModule(VaultModule);
  const { timelock } = m.useModule(GovernanceModule);
  // Every setup call a module makes as the deployer comes before the handover.
  const setup = [
    TokensModule,
    AmmModule,
    FarmingModule,
    LendingModule,
    LiquidStakingModule,
    AirdropModule,
    GovernanceModule,
    VaultModule,
  ];

  const feeSetter = m.call(factory, "setFeeToSetter", [timelock], { after: setup });

  const roleHandovers = [
    ["Reward", reward],
    ["Governance", governance],
    ["LiquidStaking", liquidStaking],
  ] as const;
  const roles = roleHandovers.map(([name, contract]) => {
    const granted = m.call(contract, "grantRole", [DEFAULT_ADMIN_ROLE, timelock], {
      id: `GrantAdmin${name}`,
      after: setup,
    });
    return m.call(contract, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
      id: `RenounceAdmin${name}`,
      after: [granted],
    });
  });

  const owned = [
    ["Farm", farm],
    ["GovernanceFarm", governanceFarm],
    ["Staking", staking],
    ["LendingMarket", lendingMarket],
    ["FlashLender", flashLender],
    ["ReporterOracle", reporterOracle],
    ["SpotPriceOracle", spotPriceOracle],
    ["TwapPriceOracle", twapPriceOracle],
    ["Vault", vault],
  ] as const;
  const transfers = owned.map(([name, contract]) =>
    m.call(contract, "transferOwnership", [timelock], { id: `Transfer${name}`, after: setup }),
  );

  const targets = [...owned.map(([, contract]) => contract), timelock];
  const values = targets.map(() => 0n);
  const payloads = [
    ...owned.map(([name, contract]) =>
      m.encodeFunctionCall(contract, "acceptOwnership", [], { id: `Accept${name}` }),
    ),
    m.encodeFunctionCall(timelock, "updateDelay", [
      m.getParameter("timelockDelay", TIMELOCK_DELAY),
    ]),
  ];
  const proposer = m.call(timelock, "grantRole", [PROPOSER_ROLE, deployer], {
    id: "GrantBootstrapProposer",
    after: setup,
  });
  const batch = [targets, values, payloads, ZeroHash, HANDOVER_SALT] as const;
  const scheduled = m.call(timelock, "scheduleBatch", [...batch, 0n], {
    id: "ScheduleHandover",
    after: [proposer, ...transfers],
  });
  const executed = m.call(timelock, "executeBatch", [...batch], {
    id: "ExecuteHandover",
    after: [scheduled],
  });
  const renouncedProposer = m.call(timelock, "renounceRole", [PROPOSER_ROLE, deployer], {
    id: "RenounceBootstrapProposer",
    after: [executed],
  });
  m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
    id: "RenounceTimelockAdmin",
    after: [renouncedProposer, feeSetter, ...roles],
  });

  return {};
});
