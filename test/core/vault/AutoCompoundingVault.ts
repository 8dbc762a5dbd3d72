import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";

import { FARM_POOLS, FARM_SCHEDULE } from "../../../ignition/modules/Farming.js";
import { VAULT_SETTINGS } from "../../../ignition/modules/Vault.js";
import { aprToApy, dec } from "../../../lib/pure/analytics/index.js";
import { AutoCompoundingVault__factory } from "../../../typechain-types/index.js";
import { ownerSigner } from "../../helpers/admin.js";
import { ethers, networkHelpers } from "../../helpers/connection.js";
import { sandboxFixture } from "../../helpers/fixtures.js";
import { isqrt, v2AmountOut } from "../../helpers/closed-form.js";

const { time } = networkHelpers;

const ONE = 10n ** 18n;
const USDC = 10n ** 6n;
const HOUR = 3_600n;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const YEAR = 365n * DAY;
const BPS = 10_000n;
const PRECISION = 10n ** 18n; // the farm's accRewardPerShare scale
const VIRTUAL_SHARES = 10n ** 6n; // 10^DECIMALS_OFFSET
const UNLOCK = VAULT_SETTINGS.profitUnlockTime;
const FEE_BPS = VAULT_SETTINGS.performanceFeeBps;
const POOL_ALLOC = FARM_POOLS.wethUsdc.allocPoint;
const TOTAL_ALLOC = Object.values(FARM_POOLS).reduce((sum, pool) => sum + pool.allocPoint, 0n);
// Each LP holder adds this much to the WETH/USDC pool in the fixture (the pool's 2,000 USDC per WETH).
const LP_WETH = 10n * ONE;
const LP_USDC = 20_000n * USDC;

// ------------------------------------------------------------------ closed forms, written for the test

/**
 * The share s of `amount` to swap so that the rest and the output stand in the pool's new ratio:
 * (amount − s) / (r + s) = out / (R − out) with out = 0.997·s·R / (r + 0.997·s) reduces to
 * 997·s² + 1997·r·s − 1000·amount·r = 0, whose positive root is taken here, rounded down.
 */
function zapSwapAmount(amount: bigint, reserveIn: bigint): bigint {
  const a = 997n;
  const b = 1997n * reserveIn;
  const c = 1000n * amount * reserveIn;
  return (isqrt(b * b + 4n * a * c) - b) / (2n * a);
}

/** The farm's emission before the pool split, per its schedule (bonus multiplier included). */
function emission(start: bigint, from: bigint, to: bigint): bigint {
  const bonusEnd = start + FARM_SCHEDULE.bonusDuration;
  const end = start + FARM_SCHEDULE.duration;
  const lo = from > start ? from : start;
  const hi = to < end ? to : end;
  if (hi <= lo) return 0n;
  const bonus = lo >= bonusEnd ? 0n : (hi < bonusEnd ? hi : bonusEnd) - lo;
  return (
    FARM_SCHEDULE.rewardPerSecond * (bonus * FARM_SCHEDULE.bonusMultiplier + (hi - lo - bonus))
  );
}

/** What a sole staker of `staked` earns in pool 0 over one pool update, as the farm floors it. */
function soleStakerReward(start: bigint, from: bigint, to: bigint, staked: bigint): bigint {
  const poolReward = (emission(start, from, to) * POOL_ALLOC) / TOTAL_ALLOC;
  const accPerShare = (poolReward * PRECISION) / staked;
  return (staked * accPerShare) / PRECISION;
}

interface Reserves {
  rewardIn: bigint; // RWD in the RWD/WETH pool
  wethOut: bigint; // WETH in the RWD/WETH pool
  weth: bigint; // WETH in the WETH/USDC pool
  usdc: bigint; // USDC in the WETH/USDC pool
  lpSupply: bigint; // WETH/USDC LP supply
}

/**
 * A harvest in closed form: the fee, the RWD sold for WETH, the zap's swap of WETH for USDC and the
 * router's deposit at the pool's ratio, from the reserves before the harvest (no protocol fee).
 */
function expectedHarvest(reward: bigint, feeBps: bigint, r: Reserves) {
  const fee = (reward * feeBps) / BPS;
  const weth = v2AmountOut(reward - fee, r.rewardIn, r.wethOut);
  const swapped = zapSwapAmount(weth, r.weth);
  const usdc = v2AmountOut(swapped, r.weth, r.usdc);
  const pairWeth = r.weth + swapped;
  const pairUsdc = r.usdc - usdc;
  let depositWeth = weth - swapped;
  let depositUsdc = (depositWeth * pairUsdc) / pairWeth;
  if (depositUsdc > usdc) {
    depositUsdc = usdc;
    depositWeth = (usdc * pairWeth) / pairUsdc;
  }
  const byWeth = (depositWeth * r.lpSupply) / pairWeth;
  const byUsdc = (depositUsdc * r.lpSupply) / pairUsdc;
  return { fee, lp: byWeth < byUsdc ? byWeth : byUsdc };
}

/** ERC-4626 conversions with OpenZeppelin's virtual shares and assets, in both rounding directions. */
const toShares = (assets: bigint, total: bigint, supply: bigint, up = false) =>
  divide(assets * (supply + VIRTUAL_SHARES), total + 1n, up);
const toAssets = (shares: bigint, total: bigint, supply: bigint, up = false) =>
  divide(shares * (total + 1n), supply + VIRTUAL_SHARES, up);
const divide = (a: bigint, b: bigint, up: boolean) => (up ? (a + b - 1n) / b : a / b);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

// ------------------------------------------------------------------ fixture and helpers

/**
 * The sandbox with alice, bob, carol and the attacker each holding the LP of 10 WETH + 20,000 USDC,
 * approved to the vault, and their WETH and USDC approved to the router.
 */
async function vaultFixture() {
  const sandbox = await networkHelpers.loadFixture(sandboxFixture);
  const { actors, router, weth, usdc, pairWethUsdc, vault } = sandbox;
  const lp: Record<string, bigint> = {};
  for (const user of [actors.alice, actors.bob, actors.carol, actors.attacker, actors.whale]) {
    await weth.connect(user).approve(router, MaxUint256);
    await usdc.connect(user).approve(router, MaxUint256);
    await pairWethUsdc.connect(user).approve(vault, MaxUint256);
    if (user === actors.whale) continue;
    await router
      .connect(user)
      .addLiquidity(weth, usdc, LP_WETH, LP_USDC, 0n, 0n, user.address, MaxUint256);
    lp[user.address] = await pairWethUsdc.balanceOf(user.address);
  }
  return { ...sandbox, lp };
}

type Env = Awaited<ReturnType<typeof vaultFixture>>;
type VaultConfig = Parameters<AutoCompoundingVault__factory["deploy"]>[0];

async function reservesOf(env: Env): Promise<Reserves> {
  const { pairRewardWeth, pairWethUsdc, reward, weth } = env;
  const [a0, a1] = await pairRewardWeth.getReserves();
  const rewardIsToken0 = (await pairRewardWeth.token0()) === (await reward.getAddress());
  const [b0, b1] = await pairWethUsdc.getReserves();
  const wethIsToken0 = (await pairWethUsdc.token0()) === (await weth.getAddress());
  return {
    rewardIn: rewardIsToken0 ? a0 : a1,
    wethOut: rewardIsToken0 ? a1 : a0,
    weth: wethIsToken0 ? b0 : b1,
    usdc: wethIsToken0 ? b1 : b0,
    lpSupply: await pairWethUsdc.totalSupply(),
  };
}

async function timestampOf(tx: Promise<{ wait(): Promise<unknown> }>): Promise<bigint> {
  await (await tx).wait();
  return BigInt(await time.latest());
}

/**
 * Alice deposits `amount` of LP into the empty vault; an hour later the keeper harvests. Returns the
 * harvest's closed-form LP profit and when it happened.
 */
async function depositAndHarvest(env: Env, amount: bigint) {
  const { vault, farm, actors } = env;
  const start = await farm.startTime();
  const depositedAt = await timestampOf(vault.connect(actors.alice).deposit(amount, actors.alice));
  const harvestAt = depositedAt + HOUR;
  const reward = soleStakerReward(start, depositedAt, harvestAt, amount);
  const expected = expectedHarvest(reward, FEE_BPS, await reservesOf(env));
  await time.setNextBlockTimestamp(harvestAt);
  await (await vault.connect(actors.keeper).harvest()).wait();
  return { reward, ...expected, harvestAt };
}

/** The sandbox vault's configuration, for deploying variants of it. */
async function sandboxConfig(env: Env): Promise<VaultConfig> {
  const { vault, actors } = env;
  return {
    lpToken: await vault.asset(),
    farm: await vault.farm(),
    pid: await vault.pid(),
    router: await vault.router(),
    rewardOracle: await vault.rewardOracle(),
    pairOracle: await vault.pairOracle(),
    profitUnlockTime: UNLOCK,
    treasury: actors.treasury.address,
    keeper: actors.keeper.address,
    performanceFeeBps: FEE_BPS,
    maxSlippageBps: VAULT_SETTINGS.maxSlippageBps,
  };
}

describe("AutoCompoundingVault", function () {
  describe("deployment", function () {
    it("wraps the farm's WETH/USDC LP pool with the sandbox's route, oracles and settings", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, router, reward, weth, usdc, pairWethUsdc, actors } = env;
      expect(await vault.asset()).to.equal(await pairWethUsdc.getAddress());
      expect(await vault.farm()).to.equal(await farm.getAddress());
      expect(await vault.pid()).to.equal(FARM_POOLS.wethUsdc.pid);
      expect(await vault.router()).to.equal(await router.getAddress());
      expect(await vault.rewardToken()).to.equal(await reward.getAddress());
      expect(await vault.bridgeToken()).to.equal(await weth.getAddress());
      expect(await vault.otherToken()).to.equal(await usdc.getAddress());
      expect(await vault.rewardOracle()).to.equal(await env.twapRewardWeth.getAddress());
      expect(await vault.pairOracle()).to.equal(await env.twapWethUsdc.getAddress());
      expect(await vault.decimals()).to.equal(18n + 6n);
      expect(await vault.profitUnlockTime()).to.equal(UNLOCK);
      expect(await vault.performanceFeeBps()).to.equal(FEE_BPS);
      expect(await vault.maxSlippageBps()).to.equal(VAULT_SETTINGS.maxSlippageBps);
      expect(await vault.treasury()).to.equal(actors.treasury.address);
      expect(await vault.keeper()).to.equal(actors.keeper.address);
      expect(await vault.totalAssets()).to.equal(0n);
      expect(await vault.lockedProfit()).to.equal(0n);
    });

    it("refuses a pool, an oracle or a reward route that does not fit the LP token", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { actors, farm, pairWethUsdc, pairWethDai, pairRewardWeth, reward } = env;
      const factory = new AutoCompoundingVault__factory(actors.deployer);
      const config = await sandboxConfig(env);
      const deploy = (change: Partial<VaultConfig>) =>
        factory.deploy({ ...config, ...change }, "v", "v", actors.deployer.address);
      const lp = await pairWethUsdc.getAddress();

      await expect(deploy({ pid: FARM_POOLS.wethDai.pid }))
        .to.be.revertedWithCustomError(factory, "VaultPoolTokenMismatch")
        .withArgs(FARM_POOLS.wethDai.pid, await pairWethDai.getAddress(), lp);
      const unknownPid = await farm.poolLength();
      await expect(deploy({ pid: unknownPid }))
        .to.be.revertedWithCustomError(factory, "VaultPoolTokenMismatch")
        .withArgs(unknownPid, ZeroAddress, lp);
      await expect(deploy({ pairOracle: env.twapWethDai }))
        .to.be.revertedWithCustomError(factory, "VaultPairOracleMismatch")
        .withArgs(await pairWethDai.getAddress(), lp);
      // WETH/DAI does not hold the reward token; WETH/USDC holds no reward token either.
      await expect(deploy({ rewardOracle: env.twapWethDai }))
        .to.be.revertedWithCustomError(factory, "VaultRewardRouteInvalid")
        .withArgs(await pairWethDai.getAddress(), await reward.getAddress());
      await expect(deploy({ rewardOracle: env.twapWethUsdc }))
        .to.be.revertedWithCustomError(factory, "VaultRewardRouteInvalid")
        .withArgs(lp, await reward.getAddress());
      // The RWD/WETH pool's own LP: the reward token is one of the LP's tokens.
      await expect(
        deploy({
          lpToken: pairRewardWeth,
          pid: FARM_POOLS.rewardWeth.pid,
          pairOracle: env.twapRewardWeth,
        }),
      )
        .to.be.revertedWithCustomError(factory, "VaultRewardRouteInvalid")
        .withArgs(await pairRewardWeth.getAddress(), await reward.getAddress());
    });

    it("refuses a zero unlock time, a zero treasury and a fee or slippage bound above its cap", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { actors } = env;
      const factory = new AutoCompoundingVault__factory(actors.deployer);
      const config = await sandboxConfig(env);
      const deploy = (change: Partial<VaultConfig>) =>
        factory.deploy({ ...config, ...change }, "v", "v", actors.deployer.address);
      await expect(deploy({ profitUnlockTime: 0n }))
        .to.be.revertedWithCustomError(factory, "VaultInvalidUnlockTime")
        .withArgs(0n);
      await expect(deploy({ treasury: ZeroAddress })).to.be.revertedWithCustomError(
        factory,
        "VaultZeroAddress",
      );
      await expect(deploy({ performanceFeeBps: 2_001n }))
        .to.be.revertedWithCustomError(factory, "VaultPerformanceFeeTooHigh")
        .withArgs(2_001n, 2_000n);
      await expect(deploy({ maxSlippageBps: 1_001n }))
        .to.be.revertedWithCustomError(factory, "VaultSlippageTooHigh")
        .withArgs(1_001n, 1_000n);
      const atCaps = await deploy({ performanceFeeBps: 2_000n, maxSlippageBps: 1_000n });
      expect(await atCaps.performanceFeeBps()).to.equal(2_000n);
      expect(await atCaps.maxSlippageBps()).to.equal(1_000n);
    });
  });

  describe("deposits and withdrawals", function () {
    it("stakes a deposit in the farm and mints shares at the virtual-share price", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, pairWethUsdc, actors } = env;
      const amount = env.lp[actors.alice.address];
      const shares = toShares(amount, 0n, 0n);
      expect(shares).to.equal(amount * VIRTUAL_SHARES);
      expect(await vault.previewDeposit(amount)).to.equal(shares);

      const tx = vault.connect(actors.alice).deposit(amount, actors.bob.address);
      await expect(tx)
        .to.emit(vault, "Deposit")
        .withArgs(actors.alice.address, actors.bob.address, amount, shares);
      await expect(tx).to.changeTokenBalances(
        ethers,
        pairWethUsdc,
        [actors.alice, farm],
        [-amount, amount],
      );
      expect(await vault.balanceOf(actors.bob.address)).to.equal(shares);
      expect((await farm.userInfo(0n, vault)).amount).to.equal(amount);
      expect(await vault.totalStaked()).to.equal(amount);
      expect(await vault.totalAssets()).to.equal(amount);
    });

    it("unstakes from the farm on withdraw and redeem, leaving the rewards owed to the vault", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, pairWethUsdc, actors } = env;
      const { alice, bob } = actors;
      const amount = env.lp[alice.address];
      await vault.connect(alice).deposit(amount, alice.address);

      const part = amount / 3n;
      const burnt = toShares(part, amount, amount * VIRTUAL_SHARES, true);
      const withdrawal = vault.connect(alice).withdraw(part, bob.address, alice.address);
      await expect(withdrawal)
        .to.emit(vault, "Withdraw")
        .withArgs(alice.address, bob.address, alice.address, part, burnt);
      await expect(withdrawal).to.changeTokenBalances(
        ethers,
        pairWethUsdc,
        [farm, bob],
        [-part, part],
      );

      const rest = await vault.balanceOf(alice.address);
      const left = amount - part;
      const paid = toAssets(rest, left, amount * VIRTUAL_SHARES - burnt);
      const redemption = vault.connect(alice).redeem(rest, alice.address, alice.address);
      await expect(redemption).to.changeTokenBalances(
        ethers,
        pairWethUsdc,
        [farm, alice],
        [-paid, paid],
      );
      expect(await vault.totalSupply()).to.equal(0n);
      expect(await vault.totalStaked()).to.equal(left - paid);
      expect((await farm.userInfo(0n, vault)).amount).to.equal(left - paid);
      expect(await farm.pendingReward(0n, vault)).to.be.greaterThan(0n);
    });

    it("takes and pays nothing, and touches no stake, for zero amounts", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const { alice } = actors;
      await vault.connect(alice).deposit(0n, alice.address);
      await vault.connect(alice).mint(0n, alice.address);
      expect(await vault.totalStaked()).to.equal(0n);
      await vault.connect(alice).deposit(env.lp[alice.address], alice.address);
      await vault.connect(alice).withdraw(0n, alice.address, alice.address);
      await vault.connect(alice).redeem(0n, alice.address, alice.address);
      expect(await vault.totalStaked()).to.equal(env.lp[alice.address]);
    });

    it("round-trips deposit/redeem and mint/withdraw without ever paying out more than came in", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, pairWethUsdc, actors } = env;
      const { alice, bob } = actors;
      // A price per share above one, with profit fully released.
      const first = env.lp[alice.address] / 2n;
      const { lp } = await depositAndHarvest(env, first);
      await time.increase(UNLOCK);
      let total = first + lp;
      let supply = first * VIRTUAL_SHARES;
      expect(await vault.totalAssets()).to.equal(total);

      for (const assets of [1n, 999n, 12_345_678_901n, env.lp[bob.address] / 4n]) {
        const shares = toShares(assets, total, supply);
        const before = await pairWethUsdc.balanceOf(bob.address);
        await vault.connect(bob).deposit(assets, bob.address);
        expect(await vault.balanceOf(bob.address)).to.equal(shares);
        total += assets;
        supply += shares;
        const back = toAssets(shares, total, supply);
        await vault.connect(bob).redeem(shares, bob.address, bob.address);
        expect(await pairWethUsdc.balanceOf(bob.address)).to.equal(before - assets + back);
        expect(back).to.be.at.most(assets);
        total -= back;
        supply -= shares;
      }

      for (const shares of [1n, 10n ** 9n, 10n ** 18n, 10n ** 20n]) {
        const paid = toAssets(shares, total, supply, true);
        const before = await pairWethUsdc.balanceOf(bob.address);
        await vault.connect(bob).mint(shares, bob.address);
        expect(await pairWethUsdc.balanceOf(bob.address)).to.equal(before - paid);
        total += paid;
        supply += shares;
        // Withdrawing what was paid burns at least the shares minted: a round trip never profits.
        const withdrawable = toAssets(shares, total, supply);
        const burnt = toShares(withdrawable, total, supply, true);
        await vault.connect(bob).withdraw(withdrawable, bob.address, bob.address);
        expect(await vault.balanceOf(bob.address)).to.equal(shares - burnt);
        expect(withdrawable).to.be.at.most(paid);
        total -= withdrawable;
        supply -= burnt;
        if (shares > burnt) {
          await vault.connect(bob).redeem(shares - burnt, bob.address, bob.address);
          const dust = toAssets(shares - burnt, total, supply);
          total -= dust;
          supply -= shares - burnt;
        }
      }
      expect(await vault.totalAssets()).to.equal(total);
      expect(await vault.totalSupply()).to.equal(supply);
    });

    it("previews exactly what deposit, mint, withdraw and redeem then do, rounded in the vault's favour", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const { bob } = actors;
      const { lp } = await depositAndHarvest(env, env.lp[actors.alice.address]);
      await time.increase(UNLOCK);
      const total = env.lp[actors.alice.address] + lp;
      const supply = env.lp[actors.alice.address] * VIRTUAL_SHARES;

      const assets = 123_456_789n;
      const shares = 987_654_321_000n;
      expect(await vault.previewDeposit(assets)).to.equal(toShares(assets, total, supply));
      expect(await vault.convertToShares(assets)).to.equal(toShares(assets, total, supply));
      expect(await vault.previewMint(shares)).to.equal(toAssets(shares, total, supply, true));
      expect(await vault.previewWithdraw(assets)).to.equal(toShares(assets, total, supply, true));
      expect(await vault.previewRedeem(shares)).to.equal(toAssets(shares, total, supply));
      expect(await vault.convertToAssets(shares)).to.equal(toAssets(shares, total, supply));

      // Each action, in the block right after its preview, does exactly what the preview said.
      const previewed = await vault.previewDeposit(assets);
      await vault.connect(bob).deposit(assets, bob.address);
      expect(await vault.balanceOf(bob.address)).to.equal(previewed);
      const toPay = await vault.previewMint(shares);
      const tx = vault.connect(bob).mint(shares, bob.address);
      await expect(tx).to.emit(vault, "Deposit").withArgs(bob.address, bob.address, toPay, shares);
      const toBurn = await vault.previewWithdraw(assets);
      await expect(vault.connect(bob).withdraw(assets, bob.address, bob.address))
        .to.emit(vault, "Withdraw")
        .withArgs(bob.address, bob.address, bob.address, assets, toBurn);
      const left = await vault.balanceOf(bob.address);
      const toGet = await vault.previewRedeem(left);
      await expect(vault.connect(bob).redeem(left, bob.address, bob.address))
        .to.emit(vault, "Withdraw")
        .withArgs(bob.address, bob.address, bob.address, toGet, left);
    });

    it("caps withdraw and redeem at the owner's balance and leaves deposit and mint open", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const { alice, bob } = actors;
      const amount = env.lp[alice.address];
      const { lp } = await depositAndHarvest(env, amount);
      await time.increase(UNLOCK);
      const shares = amount * VIRTUAL_SHARES;
      const maxAssets = toAssets(shares, amount + lp, shares);

      expect(await vault.maxDeposit(bob.address)).to.equal(MaxUint256);
      expect(await vault.maxMint(bob.address)).to.equal(MaxUint256);
      expect(await vault.maxRedeem(alice.address)).to.equal(shares);
      expect(await vault.maxWithdraw(alice.address)).to.equal(maxAssets);
      expect(await vault.maxWithdraw(bob.address)).to.equal(0n);

      await expect(vault.connect(alice).withdraw(maxAssets + 1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(alice.address, maxAssets + 1n, maxAssets);
      await expect(vault.connect(alice).redeem(shares + 1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(alice.address, shares + 1n, shares);
      await expect(vault.connect(bob).redeem(1n, bob.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC20InsufficientAllowance")
        .withArgs(bob.address, 0n, 1n);
      // Withdrawing the most she may burns the shares it needs, rounded up; what is left is dust
      // worth less than a wei.
      await vault.connect(alice).withdraw(maxAssets, alice.address, alice.address);
      const left = shares - toShares(maxAssets, amount + lp, shares, true);
      expect(await vault.balanceOf(alice.address)).to.equal(left);
      expect(await vault.maxWithdraw(alice.address)).to.equal(0n);
    });

    it("rounds a one-wei deposit down to shares worth no more than the wei, and a one-wei withdrawal up", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const { bob } = actors;
      const amount = env.lp[actors.alice.address];
      const { lp } = await depositAndHarvest(env, amount);
      await time.increase(UNLOCK);
      const total = amount + lp;
      const supply = amount * VIRTUAL_SHARES;
      // The price per share is above one, so one wei buys fewer than 10^6 shares.
      const shares = toShares(1n, total, supply);
      expect(shares).to.be.lessThan(VIRTUAL_SHARES);
      await vault.connect(bob).deposit(1n, bob.address);
      expect(await vault.balanceOf(bob.address)).to.equal(shares);
      expect(await vault.previewRedeem(shares)).to.equal(0n);
      await expect(vault.connect(bob).withdraw(1n, bob.address, bob.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(bob.address, 1n, 0n);
    });
  });

  describe("harvest", function () {
    it("turns an hour of farm rewards into the closed-form LP after the fee and raises the price per share by it", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, reward, actors } = env;
      const { alice, keeper, treasury } = actors;
      const amount = env.lp[alice.address];
      const start = await farm.startTime();
      const depositedAt = await timestampOf(vault.connect(alice).deposit(amount, alice.address));
      const harvestAt = depositedAt + HOUR;
      const rewardPaid = soleStakerReward(start, depositedAt, harvestAt, amount);
      // The sandbox is in its bonus week: 2 RWD a second, 30% of it to this pool, for an hour.
      expect(rewardPaid).to.be.closeTo((2n * ONE * 3n * HOUR) / 10n, 10n);
      const { fee, lp } = expectedHarvest(rewardPaid, FEE_BPS, await reservesOf(env));
      expect(fee).to.equal(rewardPaid / 10n);

      await time.setNextBlockTimestamp(harvestAt);
      const tx = vault.connect(keeper).harvest();
      await expect(tx)
        .to.emit(vault, "Harvested")
        .withArgs(keeper.address, rewardPaid, fee, lp, lp);
      await expect(tx).to.changeTokenBalances(ethers, reward, [treasury, vault], [fee, 0n]);
      expect(await vault.totalStaked()).to.equal(amount + lp);
      expect((await farm.userInfo(0n, vault)).amount).to.equal(amount + lp);
      // Right after the harvest the profit is all locked: the price per share has not moved yet.
      expect(await vault.totalAssets()).to.equal(amount);

      await time.increaseTo(harvestAt + UNLOCK);
      const shares = amount * VIRTUAL_SHARES;
      expect(await vault.totalAssets()).to.equal(amount + lp);
      expect(await vault.convertToAssets(shares)).to.equal(toAssets(shares, amount + lp, shares));
      // A whole share (10^24 units) was worth exactly one LP (10^18 wei, virtual wei included) and
      // grew by lp / (amount + 1) of it.
      expect(toAssets(10n ** 24n, amount, shares)).to.equal(10n ** 18n);
      const perShareAfter = await vault.convertToAssets(10n ** 24n);
      expect(perShareAfter - 10n ** 18n).to.be.closeTo((lp * 10n ** 18n) / (amount + 1n), 1n);
    });

    it("releases the locked profit linearly over six hours", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault } = env;
      const amount = env.lp[env.actors.alice.address];
      const { lp, harvestAt } = await depositAndHarvest(env, amount);
      expect(await vault.lastHarvest()).to.equal(harvestAt);
      expect(await vault.lockedProfitAtHarvest()).to.equal(lp);
      for (const elapsed of [1n, HOUR, 3n * HOUR, UNLOCK - 1n, UNLOCK, UNLOCK + HOUR]) {
        await time.increaseTo(harvestAt + elapsed);
        const locked = elapsed >= UNLOCK ? 0n : ceilDiv(lp * (UNLOCK - elapsed), UNLOCK);
        expect(await vault.lockedProfit()).to.equal(locked);
        expect(await vault.totalAssets()).to.equal(amount + lp - locked);
      }
    });

    it("locks what was still locked again, with the new profit, at the next harvest", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, actors } = env;
      const amount = env.lp[actors.alice.address];
      const first = await depositAndHarvest(env, amount);
      const secondAt = first.harvestAt + HOUR;
      const staked = amount + first.lp;
      const rewardPaid = soleStakerReward(
        await farm.startTime(),
        first.harvestAt,
        secondAt,
        staked,
      );
      const second = expectedHarvest(rewardPaid, FEE_BPS, await reservesOf(env));
      const stillLocked = ceilDiv(first.lp * (UNLOCK - HOUR), UNLOCK);

      await time.setNextBlockTimestamp(secondAt);
      await expect(vault.connect(actors.keeper).harvest())
        .to.emit(vault, "Harvested")
        .withArgs(
          actors.keeper.address,
          rewardPaid,
          second.fee,
          second.lp,
          stillLocked + second.lp,
        );
      expect(await vault.lockedProfitAtHarvest()).to.equal(stillLocked + second.lp);
      await time.increaseTo(secondAt + UNLOCK / 2n);
      expect(await vault.lockedProfit()).to.equal(ceilDiv(stillLocked + second.lp, 2n));
    });

    it("stakes LP sent to the vault or staked in its name as profit, released like any other", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, pairWethUsdc, actors } = env;
      const { alice, bob, carol, keeper } = actors;
      const amount = env.lp[alice.address];
      const start = await farm.startTime();
      const depositedAt = await timestampOf(vault.connect(alice).deposit(amount, alice.address));
      const sent = env.lp[bob.address] / 2n;
      const given = env.lp[carol.address] / 2n;
      await pairWethUsdc.connect(bob).transfer(vault, sent);
      await pairWethUsdc.connect(carol).approve(farm, given);
      const givenAt = await timestampOf(farm.connect(carol).deposit(0n, given, vault));
      // Internal accounting: neither gift counts before a harvest.
      expect(await vault.totalAssets()).to.equal(amount);

      // The farm settles the vault at the gift (stake `amount`) and at the harvest (amount + given).
      const harvestAt = givenAt + HOUR;
      const poolShare = (from: bigint, to: bigint) =>
        (emission(start, from, to) * POOL_ALLOC) / TOTAL_ALLOC;
      const acc1 = (poolShare(depositedAt, givenAt) * PRECISION) / amount;
      const acc2 = acc1 + (poolShare(givenAt, harvestAt) * PRECISION) / (amount + given);
      const rewardPaid =
        (amount * acc1) / PRECISION + ((amount + given) * (acc2 - acc1)) / PRECISION;
      const { fee, lp } = expectedHarvest(rewardPaid, FEE_BPS, await reservesOf(env));
      const profit = lp + sent + given;

      await time.setNextBlockTimestamp(harvestAt);
      await expect(vault.connect(keeper).harvest())
        .to.emit(vault, "Harvested")
        .withArgs(keeper.address, rewardPaid, fee, profit, profit);
      expect(await vault.totalStaked()).to.equal(amount + profit);
      expect((await farm.userInfo(0n, vault)).amount).to.equal(amount + profit);
      expect(await pairWethUsdc.balanceOf(vault)).to.equal(0n);
      await time.increaseTo(harvestAt + UNLOCK / 4n);
      expect(await vault.totalAssets()).to.equal(amount + profit - ceilDiv(profit * 3n, 4n));
    });

    it("harvests nothing and keeps the lock as it was when the farm owes the vault nothing", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, reward, actors } = env;
      await time.increase(HOUR);
      const tx = vault.connect(actors.keeper).harvest();
      await expect(tx).to.emit(vault, "Harvested").withArgs(actors.keeper.address, 0n, 0n, 0n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, reward, [actors.treasury], [0n]);
      expect(await vault.lastHarvest()).to.equal(0n);
      expect(await vault.totalStaked()).to.equal(0n);
    });

    it("keeps dust worth nothing at the TWAP or too small to mint LP for a later harvest", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, router, reward, weth, usdc, actors } = env;
      const { alice, keeper } = actors;
      await router
        .connect(alice)
        .swapExactTokensForTokens(ONE / 100n, 0n, [weth, reward], alice.address, MaxUint256);
      // One wei of each: the RWD quotes to 0 WETH, the WETH to a zero swap, and one wei of each
      // side would mint no LP.
      for (const token of [reward, weth, usdc]) await token.connect(alice).transfer(vault, 1n);
      await time.increase(HOUR);
      await expect(vault.connect(keeper).harvest())
        .to.emit(vault, "Harvested")
        .withArgs(keeper.address, 1n, 0n, 0n, 0n);
      for (const token of [reward, weth, usdc]) expect(await token.balanceOf(vault)).to.equal(1n);
    });

    it("lets only the keeper and the owner harvest", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      await vault.connect(actors.alice).deposit(env.lp[actors.alice.address], actors.alice.address);
      await time.increase(HOUR);
      for (const caller of [actors.alice, actors.attacker, actors.treasury]) {
        await expect(vault.connect(caller).harvest())
          .to.be.revertedWithCustomError(vault, "VaultNotKeeper")
          .withArgs(caller.address);
      }
      const owner = await ownerSigner(vault);
      await expect(vault.connect(owner).harvest()).to.emit(vault, "Harvested");
      await vault.connect(owner).setKeeper(ZeroAddress);
      await expect(vault.connect(actors.keeper).harvest())
        .to.be.revertedWithCustomError(vault, "VaultNotKeeper")
        .withArgs(actors.keeper.address);
    });
  });

  describe("sandwich and price manipulation", function () {
    it("pays a deposit made just before a harvest and redeemed just after only the second of profit released in between", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, pairWethUsdc, actors } = env;
      const { alice, attacker, keeper } = actors;
      const amount = env.lp[alice.address];
      const start = await farm.startTime();
      const depositedAt = await timestampOf(vault.connect(alice).deposit(amount, alice.address));
      const aliceShares = amount * VIRTUAL_SHARES;

      // The attacker front-runs the harvest with as much as alice's stake, then back-runs it.
      const stake = env.lp[attacker.address];
      const frontAt = depositedAt + HOUR;
      const attackerShares = toShares(stake, amount, aliceShares);
      await time.setNextBlockTimestamp(frontAt);
      await vault.connect(attacker).deposit(stake, attacker.address);
      const poolShare = (from: bigint, to: bigint) =>
        (emission(start, from, to) * POOL_ALLOC) / TOTAL_ALLOC;
      const acc1 = (poolShare(depositedAt, frontAt) * PRECISION) / amount;
      const acc2 = acc1 + (poolShare(frontAt, frontAt + 1n) * PRECISION) / (amount + stake);
      const rewardPaid =
        (amount * acc1) / PRECISION + ((amount + stake) * (acc2 - acc1)) / PRECISION;
      const { lp } = expectedHarvest(rewardPaid, FEE_BPS, await reservesOf(env));
      await time.setNextBlockTimestamp(frontAt + 1n);
      await vault.connect(keeper).harvest();

      await time.setNextBlockTimestamp(frontAt + 2n);
      const total = amount + stake + lp - ceilDiv(lp * (UNLOCK - 1n), UNLOCK);
      const supply = aliceShares + attackerShares;
      const paid = toAssets(attackerShares, total, supply);
      const tx = vault.connect(attacker).redeem(attackerShares, attacker.address, attacker.address);
      await expect(tx).to.changeTokenBalances(ethers, pairWethUsdc, [attacker], [paid]);
      const gain = paid - stake;
      // Its share of one second of a six-hour release, where an instant release would pay half of lp.
      const released = ceilDiv(lp, UNLOCK);
      expect(gain).to.be.at.most((released * attackerShares) / supply + 1n);
      expect(gain * 1_000n).to.be.lessThan((lp * attackerShares) / supply);
      // Alice keeps the rest as it unlocks.
      await time.increaseTo(frontAt + 1n + UNLOCK);
      const aliceAssets = await vault.convertToAssets(aliceShares);
      expect(aliceAssets).to.equal(toAssets(aliceShares, amount + lp + stake - paid, aliceShares));
      expect(aliceAssets - amount).to.be.at.least(lp - gain - 3n);
    });

    it("reverts a harvest whose swap would fill below the TWAP bound after the pool was pushed", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, router, weth, usdc, actors } = env;
      const { alice, attacker, keeper } = actors;
      await vault.connect(alice).deposit(env.lp[alice.address], alice.address);
      await time.increase(HOUR);
      // The attacker dumps 30 WETH into the WETH/USDC pool (about 140 WETH deep): WETH falls by
      // about a third, so the vault's WETH → USDC swap fills far below the TWAP quote less 3%.
      await router
        .connect(attacker)
        .swapExactTokensForTokens(30n * ONE, 0n, [weth, usdc], attacker.address, MaxUint256);
      await expect(vault.connect(keeper).harvest()).to.be.revertedWithCustomError(
        router,
        "AmmInsufficientOutputAmount",
      );
      // Even the widest bound the owner may set, 10%, refuses it.
      const owner = await ownerSigner(vault);
      await vault.connect(owner).setMaxSlippage(1_000n);
      await expect(vault.connect(keeper).harvest()).to.be.revertedWithCustomError(
        router,
        "AmmInsufficientOutputAmount",
      );
      // Once the price is back, the harvest goes through.
      const usdcBack = await usdc.balanceOf(attacker.address);
      await router
        .connect(attacker)
        .swapExactTokensForTokens(
          usdcBack - 100_000n * USDC + LP_USDC,
          0n,
          [usdc, weth],
          attacker.address,
          MaxUint256,
        );
      await expect(vault.connect(keeper).harvest()).to.emit(vault, "Harvested");
    });

    it("makes a first depositor's donation cost the attacker most of it and the next depositor almost nothing", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, pairWethUsdc, actors } = env;
      const { alice, attacker, keeper } = actors;
      const start = await farm.startTime();
      // The classic attack: 1 wei of shares, then a donation twice the victim's coming deposit.
      const victimDeposit = env.lp[alice.address] / 2n;
      const donation = 2n * victimDeposit;
      const attackerBefore = await pairWethUsdc.balanceOf(attacker.address);
      const depositedAt = await timestampOf(vault.connect(attacker).deposit(1n, attacker.address));
      await pairWethUsdc.connect(attacker).transfer(vault, donation);
      // Before a harvest the donation does not even move the price.
      expect(await vault.totalAssets()).to.equal(1n);
      expect(await vault.previewDeposit(victimDeposit)).to.equal(victimDeposit * VIRTUAL_SHARES);

      // It takes a harvest and six hours for the donation to count (the harvest also sells the
      // rewards the attacker's wei earned, the whole pool's emission, in the meantime).
      const harvestAt = depositedAt + HOUR;
      const rewardPaid = soleStakerReward(start, depositedAt, harvestAt, 1n);
      const { lp } = expectedHarvest(rewardPaid, FEE_BPS, await reservesOf(env));
      await time.setNextBlockTimestamp(harvestAt);
      await vault.connect(keeper).harvest();
      await time.increaseTo(harvestAt + UNLOCK);

      const total = 1n + donation + lp;
      const attackerShares = VIRTUAL_SHARES;
      const victimShares = toShares(victimDeposit, total, attackerShares);
      await vault.connect(alice).deposit(victimDeposit, alice.address);
      expect(await vault.balanceOf(alice.address)).to.equal(victimShares);

      const supply = attackerShares + victimShares;
      const attackerOut = toAssets(attackerShares, total + victimDeposit, supply);
      await vault.connect(attacker).redeem(attackerShares, attacker.address, attacker.address);
      const attackerLoss = attackerBefore - (await pairWethUsdc.balanceOf(attacker.address));
      expect(attackerLoss).to.equal(1n + donation - attackerOut);
      const victimOut = toAssets(
        victimShares,
        total + victimDeposit - attackerOut,
        supply - attackerShares,
      );
      const victimLoss = victimDeposit - victimOut;
      await vault.connect(alice).redeem(victimShares, alice.address, alice.address);
      // The attacker loses about half its donation; the victim gains its share of the released
      // profit and loses at most the value of the one share rounded away, a millionth of its deposit.
      expect(attackerLoss).to.be.greaterThan(donation / 3n);
      expect(victimLoss).to.be.lessThan(victimDeposit / VIRTUAL_SHARES);
      expect(await vault.totalSupply()).to.equal(0n);
    });
  });

  describe("compounding", function () {
    it("realises over 26 weekly harvests the APY that aprToApy predicts for weekly compounding, above the simple APR", async function () {
      this.timeout(120_000);
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, farm, router, weth, usdc, pairWethUsdc, actors } = env;
      const { alice, whale, keeper } = actors;
      // After the bonus week the pool emits a steady 0.3 RWD a second, shared by stake.
      await time.increaseTo((await farm.bonusEndTime()) + 1n);
      // The whale's 4,000 WETH + 8,000,000 USDC of LP is nearly all of the pool's stake, so the
      // vault's rewards grow with its own stake: the APR holds while the vault compounds.
      await router
        .connect(whale)
        .addLiquidity(weth, usdc, 4_000n * ONE, 8_000_000n * USDC, 0n, 0n, whale, MaxUint256);
      const whaleLp = await pairWethUsdc.balanceOf(whale.address);
      await pairWethUsdc.connect(whale).approve(farm, whaleLp);
      await farm.connect(whale).deposit(0n, whaleLp, whale.address);
      // Alice's position (0.1 WETH + 200 USDC) is small, so each weekly sale of about 4.5 RWD
      // leaves the RWD price where it was.
      const deposit = env.lp[alice.address] / 100n;
      await vault.connect(alice).deposit(deposit, alice.address);
      const shares = deposit * VIRTUAL_SHARES;

      // The predicted APR, in LP: the pool's yearly RWD per staked LP at the RWD/WETH price, less
      // the performance fee and the swap fees (0.3% on the sale, 0.3% on the half swapped into USDC),
      // at the LP a zap gets for a WETH (half the LP is WETH).
      const r = await reservesOf(env);
      const staked = deposit + whaleLp;
      const poolPerSecond = (FARM_SCHEDULE.rewardPerSecond * POOL_ALLOC) / TOTAL_ALLOC;
      const apr = dec(poolPerSecond * YEAR)
        .div(dec(staked))
        .mul(dec(r.wethOut).div(dec(r.rewardIn)))
        .mul(dec(r.lpSupply).div(dec(2n * r.weth)))
        .mul(dec(BPS - FEE_BPS).div(dec(BPS)))
        .mul("0.997")
        .mul("0.9985");

      const harvests = 26n;
      const startedAt = BigInt(await time.latest());
      for (let week = 0n; week < harvests; week++) {
        await time.setNextBlockTimestamp(startedAt + (week + 1n) * WEEK);
        await vault.connect(keeper).harvest();
      }
      await time.increase(UNLOCK);
      const grown = await vault.convertToAssets(shares);
      const years = dec(harvests * WEEK).div(dec(YEAR));
      const realisedApy = dec(grown).div(dec(deposit)).pow(dec(1).div(years)).minus(1);
      const predictedApy = aprToApy(apr, 52);

      // Tolerance 0.5% of the APY: what the closed form leaves out (the zap's exact split, the
      // vault's growing share of the pool, rounding, the RWD price drift from the vault's own sales).
      expect(apr.gt("0.5")).to.equal(true, `APR ${apr.toFixed(4)}`);
      expect(realisedApy.minus(predictedApy).abs().div(predictedApy).lt("0.005")).to.equal(
        true,
        `realised APY ${realisedApy.toFixed(4)}, predicted ${predictedApy.toFixed(4)}`,
      );
      // Compounding weekly beats the simple APR by most of what the closed form says it should.
      expect(realisedApy.minus(apr).gt(predictedApy.minus(apr).mul("0.9"))).to.equal(
        true,
        `realised APY ${realisedApy.toFixed(4)}, APR ${apr.toFixed(4)}`,
      );
    });
  });

  describe("access control", function () {
    it("lets the owner set the fee, the slippage bound, the treasury and the keeper", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const owner = await ownerSigner(vault);
      await expect(vault.connect(owner).setPerformanceFee(500n))
        .to.emit(vault, "PerformanceFeeSet")
        .withArgs(FEE_BPS, 500n);
      await expect(vault.connect(owner).setMaxSlippage(50n))
        .to.emit(vault, "MaxSlippageSet")
        .withArgs(VAULT_SETTINGS.maxSlippageBps, 50n);
      await expect(vault.connect(owner).setTreasury(actors.dave.address))
        .to.emit(vault, "TreasurySet")
        .withArgs(actors.treasury.address, actors.dave.address);
      await expect(vault.connect(owner).setKeeper(actors.carol.address))
        .to.emit(vault, "KeeperSet")
        .withArgs(actors.keeper.address, actors.carol.address);
      expect(await vault.performanceFeeBps()).to.equal(500n);
      expect(await vault.maxSlippageBps()).to.equal(50n);
      expect(await vault.treasury()).to.equal(actors.dave.address);
      expect(await vault.keeper()).to.equal(actors.carol.address);
    });

    it("refuses a fee or slippage bound above its cap and a zero treasury, changing nothing", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const owner = await ownerSigner(vault);
      await expect(vault.connect(owner).setPerformanceFee(2_001n))
        .to.be.revertedWithCustomError(vault, "VaultPerformanceFeeTooHigh")
        .withArgs(2_001n, 2_000n);
      await expect(vault.connect(owner).setMaxSlippage(1_001n))
        .to.be.revertedWithCustomError(vault, "VaultSlippageTooHigh")
        .withArgs(1_001n, 1_000n);
      await expect(vault.connect(owner).setTreasury(ZeroAddress)).to.be.revertedWithCustomError(
        vault,
        "VaultZeroAddress",
      );
      expect(await vault.performanceFeeBps()).to.equal(FEE_BPS);
      expect(await vault.maxSlippageBps()).to.equal(VAULT_SETTINGS.maxSlippageBps);
      expect(await vault.treasury()).to.equal(actors.treasury.address);
    });

    it("refuses every owner function to anyone else, the keeper included", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      for (const caller of [actors.alice, actors.keeper]) {
        const calls = [
          vault.connect(caller).setPerformanceFee(0n),
          vault.connect(caller).setMaxSlippage(0n),
          vault.connect(caller).setTreasury(caller.address),
          vault.connect(caller).setKeeper(caller.address),
          vault.connect(caller).transferOwnership(caller.address),
        ];
        for (const call of calls) {
          await expect(call)
            .to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount")
            .withArgs(caller.address);
        }
      }
    });

    it("hands ownership over in two steps", async function () {
      const env = await networkHelpers.loadFixture(vaultFixture);
      const { vault, actors } = env;
      const owner = await ownerSigner(vault);
      await vault.connect(owner).transferOwnership(actors.dave.address);
      expect(await vault.owner()).to.equal(owner.address);
      await expect(vault.connect(actors.alice).acceptOwnership())
        .to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount")
        .withArgs(actors.alice.address);
      await vault.connect(actors.dave).acceptOwnership();
      expect(await vault.owner()).to.equal(actors.dave.address);
    });
  });
});
