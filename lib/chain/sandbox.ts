import type { ContractRunner } from "ethers";

import {
  AmmFactory__factory,
  AmmPair__factory,
  AmmRouter__factory,
  AutoCompoundingVault__factory,
  Farm__factory,
  FlashLender__factory,
  GovernanceToken__factory,
  KinkedRateModel__factory,
  LendingMarket__factory,
  LiquidStaking__factory,
  LockedStaking__factory,
  MerkleDistributor__factory,
  MockERC20__factory,
  ReporterOracle__factory,
  RewardToken__factory,
  SandboxGovernor__factory,
  SandboxTimelock__factory,
  SpotPriceOracle__factory,
  TwapOracle__factory,
  TwapPriceOracle__factory,
  WETH__factory,
} from "../../typechain-types/index.js";

/** Factories of the sandbox's contracts, keyed as the Sandbox Ignition module returns them. */
const FACTORIES = {
  weth: WETH__factory,
  usdc: MockERC20__factory,
  dai: MockERC20__factory,
  reward: RewardToken__factory,
  governance: GovernanceToken__factory,
  governor: SandboxGovernor__factory,
  timelock: SandboxTimelock__factory,
  airdrop: MerkleDistributor__factory,
  liquidStaking: LiquidStaking__factory,
  factory: AmmFactory__factory,
  router: AmmRouter__factory,
  pairWethUsdc: AmmPair__factory,
  pairWethDai: AmmPair__factory,
  pairRewardWeth: AmmPair__factory,
  farm: Farm__factory,
  governanceFarm: Farm__factory,
  staking: LockedStaking__factory,
  lendingMarket: LendingMarket__factory,
  rateModelStable: KinkedRateModel__factory,
  rateModelVolatile: KinkedRateModel__factory,
  reporterOracle: ReporterOracle__factory,
  spotPriceOracle: SpotPriceOracle__factory,
  twapWethUsdc: TwapOracle__factory,
  twapWethDai: TwapOracle__factory,
  twapPriceOracle: TwapPriceOracle__factory,
  flashLender: FlashLender__factory,
  vault: AutoCompoundingVault__factory,
  twapRewardWeth: TwapOracle__factory,
} as const;

export type SandboxKey = keyof typeof FACTORIES;
/** Every key of the sandbox, in the order of FACTORIES. */
export const SANDBOX_KEYS = Object.keys(FACTORIES) as SandboxKey[];
export type SandboxAddresses = Record<SandboxKey, string>;
export type Sandbox = { [K in SandboxKey]: ReturnType<(typeof FACTORIES)[K]["connect"]> };

/** Typed handles on a deployed sandbox, given its addresses. */
export function connectSandbox(addresses: SandboxAddresses, runner: ContractRunner): Sandbox {
  const entries = Object.entries(FACTORIES).map(([key, factory]) => [
    key,
    factory.connect(addresses[key as SandboxKey], runner),
  ]);
  return Object.fromEntries(entries) as Sandbox;
}

/** The sandbox's addresses from the contracts an Ignition deployment of the Sandbox module returned. */
export async function addressesOf(
  deployed: Record<SandboxKey, { getAddress(): Promise<string> }>,
): Promise<SandboxAddresses> {
  const keys = Object.keys(FACTORIES) as SandboxKey[];
  const addresses = await Promise.all(keys.map((key) => deployed[key].getAddress()));
  return Object.fromEntries(keys.map((key, i) => [key, addresses[i]])) as SandboxAddresses;
}

/** The ABI of each sandbox contract, as typechain generated it from the compiled artifacts. */
export function sandboxAbis(): Record<SandboxKey, readonly unknown[]> {
  return Object.fromEntries(
    Object.entries(FACTORIES).map(([key, factory]) => [key, factory.abi]),
  ) as unknown as Record<SandboxKey, readonly unknown[]>;
}
