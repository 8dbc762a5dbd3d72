import { mkdir } from "node:fs/promises";
import path from "node:path";

import { expect } from "chai";
import { Decimal } from "decimal.js";
import { formatUnits } from "ethers";
import hre from "hardhat";
import type { Browser, Page } from "playwright-core";

import { getActors } from "../../lib/chain/actors.js";
import { startAppServer } from "../../lib/server/app-server.js";
import { loadSandbox } from "../../lib/chain/addresses.js";
import {
  type DashboardStack,
  launchChromium,
  startDashboardStack,
} from "../../lib/server/app-stack.js";
import type { Sandbox } from "../../lib/chain/sandbox.js";
import { v2AmountOut } from "../helpers/closed-form.js";
import { type TaskRun, freePort, runHardhat } from "../helpers/tasks.js";

/** The e2e node's chain id: its deployment record stays apart from a running `npm run sandbox`. */
const E2E_CHAIN_ID = 31_339;
const SHOTS = path.join(process.cwd(), "test-results", "app");
const PAGES = [
  "chain",
  "amm",
  "farm",
  "lending",
  "protocols",
  "scenarios",
  "simulator",
  "calculators",
];
const WAD = 10n ** 18n;

/** Whole units with thousands separators and every decimal, as the pages show reserves. */
function exact(raw: bigint, decimals: number): string {
  const [int, frac] = formatUnits(raw, decimals).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === "0" ? grouped : `${grouped}.${frac}`;
}

/** Whole units cut (not rounded) to `places` decimals, with separators. */
function cut(value: Decimal, places: number): string {
  const [int, frac] = value.toDecimalPlaces(places, Decimal.ROUND_DOWN).toFixed().split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

describe("The dashboard in Chromium", function () {
  // Building the app, a node with the sandbox, and a scenario played twice (in the page and by
  // `npm run scenario`) take most of a minute on a small machine.
  this.timeout(180_000);

  let stack: DashboardStack | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let sandbox: Sandbox;
  let alice: string;
  let scenarioRun: Promise<TaskRun>;
  const consoleErrors: string[] = [];

  const field = (name: string) => page.locator(`[data-field="${name}"]`);
  async function open(hash: string): Promise<void> {
    await page.goto(`${stack?.appUrl}#/${hash}`);
    await page.locator(`main[data-page="${hash}"]`).waitFor();
  }
  /** Waits until the page shows the chain's latest block: its reads are of the chain's state. */
  async function caughtUp(): Promise<void> {
    const latest = await sandbox.weth.runner?.provider?.getBlockNumber();
    await open("chain");
    await page.waitForFunction(
      (n) => document.querySelector('[data-field="block"]')?.textContent === String(n),
      latest,
    );
  }
  async function confirm(name: string): Promise<string> {
    await page.click(`button[name="${name}"]`);
    const status = field(`${name}-status`);
    await page.waitForFunction((n) => {
      const text = document.querySelector(`[data-field="${n}-status"]`)?.textContent ?? "";
      return text !== "" && text !== "pending…";
    }, name);
    return (await status.textContent()) ?? "";
  }

  /** Adds 1 WETH (and the USDC it pairs with) to WETH/USDC as alice on the AMM page. */
  async function addWethUsdcLiquidity(): Promise<{ lp: bigint; lpBefore: bigint }> {
    const lpBefore = await sandbox.pairWethUsdc.balanceOf(alice);
    await open("amm");
    await page.selectOption('select[name="lp-pool"]', "pairWethUsdc");
    const t0Symbol =
      (await sandbox.pairWethUsdc.token0()) === (await sandbox.weth.getAddress()) ? "WETH" : "USDC";
    await page.fill('input[name="lp-add"]', t0Symbol === "WETH" ? "1" : "2000");
    expect(await confirm("lp-add-confirm")).to.equal("done");
    return { lp: (await sandbox.pairWethUsdc.balanceOf(alice)) - lpBefore, lpBefore };
  }

  before(async function () {
    // `npm run scenario migrator-rug` in a process of its own, while this one starts the rest.
    scenarioRun = runHardhat(["sandbox", "scenario", "migrator-rug", "--json"]);
    stack = await startDashboardStack(hre, E2E_CHAIN_ID);
    const actors = await getActors(stack.connection.ethers);
    alice = actors.alice.address;
    ({ sandbox } = await loadSandbox(stack.connection, actors.deployer));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    await mkdir(SHOTS, { recursive: true });
  });

  after(async function () {
    await browser?.close();
    await stack?.close();
  });

  it("swaps 1 WETH for USDC as alice: the pool's reserves and her balances equal the chain's and the V2 closed form", async function () {
    const pair = sandbox.pairWethUsdc;
    const wethIsToken0 = (await pair.token0()) === (await sandbox.weth.getAddress());
    const [r0, r1] = await pair.getReserves();
    const [wethBefore, usdcBefore] = wethIsToken0 ? [r0, r1] : [r1, r0];
    const aliceWeth = await sandbox.weth.balanceOf(alice);
    const aliceUsdc = await sandbox.usdc.balanceOf(alice);
    const out = v2AmountOut(WAD, wethBefore, usdcBefore);

    await open("amm");
    await page.locator('button[name="swap-flip"]', { hasText: "WETH → USDC" }).waitFor();
    await page.fill('input[name="swap-amount"]', "1");
    await page.fill('input[name="swap-min-out"]', "");
    expect(await field("swap-quote").textContent()).to.equal(
      `${cut(new Decimal(formatUnits(out, 6)), 6)} USDC`,
    );
    expect(await page.locator('button[name="swap-confirm"]').isDisabled()).to.equal(true);
    expect(await confirm("swap-approve")).to.equal("done");
    await page.waitForFunction(
      () =>
        (document.querySelector('button[name="swap-confirm"]') as HTMLButtonElement).disabled ===
        false,
    );
    expect(await confirm("swap-confirm")).to.equal("done");

    const [a0, a1] = await pair.getReserves();
    const [wethAfter, usdcAfter] = wethIsToken0 ? [a0, a1] : [a1, a0];
    expect(wethAfter).to.equal(wethBefore + WAD);
    expect(usdcAfter).to.equal(usdcBefore - out);
    await page.waitForFunction(
      (text) =>
        document.querySelector('[data-field="pairWethUsdc-reserve-WETH"]')?.textContent === text,
      exact(wethAfter, 18),
    );
    expect(await field("pairWethUsdc-reserve-USDC").textContent()).to.equal(
      exact(usdcBefore - out, 6),
    );

    await caughtUp();
    expect(await field("balance-WETH").getAttribute("data-raw")).to.equal(String(aliceWeth - WAD));
    expect(await field("balance-USDC").getAttribute("data-raw")).to.equal(String(aliceUsdc + out));
    expect(await sandbox.usdc.balanceOf(alice)).to.equal(aliceUsdc + out);
    await page.screenshot({ path: path.join(SHOTS, "after-swap.png"), fullPage: true });
  });

  it("refuses a swap whose minimum output the pool cannot pay, with the decoded error in words", async function () {
    const pair = sandbox.pairWethUsdc;
    const wethIsToken0 = (await pair.token0()) === (await sandbox.weth.getAddress());
    const [r0, r1] = await pair.getReserves();
    const [wethReserve, usdcReserve] = wethIsToken0 ? [r0, r1] : [r1, r0];
    const out = v2AmountOut(WAD, wethReserve, usdcReserve);

    await open("amm");
    await page.fill('input[name="swap-amount"]', "1");
    await page.fill('input[name="swap-min-out"]', "1000000");
    expect(await confirm("swap-approve")).to.equal("done");
    await page.waitForFunction(
      () =>
        (document.querySelector('button[name="swap-confirm"]') as HTMLButtonElement).disabled ===
        false,
    );
    const block = await sandbox.weth.runner?.provider?.getBlockNumber();
    const status = await confirm("swap-confirm");

    expect(status).to.equal(
      `AmmInsufficientOutputAmount: ${cut(new Decimal(formatUnits(out, 6)), 4)} USDC out, you asked at least 1,000,000 USDC`,
    );
    // Nothing was sent: no block was mined and the reserves stayed.
    expect(await sandbox.weth.runner?.provider?.getBlockNumber()).to.equal(block);
    const [b0, b1] = await pair.getReserves();
    expect([b0, b1]).to.deep.equal([r0, r1]);
  });

  it("refuses bad amounts in the form before anything is sent", async function () {
    await open("amm");
    for (const [typed, why] of [
      ["-1", "the amount cannot be negative"],
      ["0.0000000000000000001", 'WETH has 18 decimals; "0.0000000000000000001" has 19'],
      ["1000000", "more than the balance"],
    ]) {
      await page.fill('input[name="swap-amount"]', typed);
      expect(await field("swap-amount-error").textContent()).to.contain(why);
      expect(await page.locator('button[name="swap-confirm"]').isDisabled()).to.equal(true);
    }
  });

  it("stakes LP in the farm and, a day later, shows the pending reward of emission × share × time", async function () {
    const pairAddress = await sandbox.pairWethUsdc.getAddress();
    const { lp } = await addWethUsdcLiquidity();
    expect(lp > 0n).to.equal(true);

    const farm = sandbox.farm;
    const pid = 0n;
    expect((await farm.poolInfo(pid)).token).to.equal(pairAddress);
    await open("farm");
    await page.selectOption('select[name="farm-pid"]', "0");
    await page.fill('input[name="farm-deposit"]', formatUnits(lp, 18));
    expect(await confirm("farm-deposit-confirm")).to.equal("done");

    const provider = stack!.connection.ethers.provider;
    const start = (await provider.getBlock("latest"))!;
    const pendingAtStart = await farm.pendingReward(pid, alice);
    const staked = (await farm.userInfo(pid, alice)).amount;
    const total = (await farm.poolInfo(pid)).totalStaked;

    await open("chain");
    await page.click('button[name="travel-+1 day"]');
    await page.waitForFunction(
      () =>
        (document.querySelector('button[name="travel-+1 day"]') as HTMLButtonElement | null)
          ?.disabled === false,
    );
    await caughtUp();
    const end = (await provider.getBlock("latest"))!;
    expect(end.timestamp - start.timestamp >= 86_400).to.equal(true);

    // The farm's emission in the window, from its schedule: rewardPerSecond a second, times the
    // bonus multiplier before bonusEndTime; this pool's weight's share of it; alice's share of the pool.
    const [rate, multiplier, bonusEnd, startTime, endTime, alloc, totalAlloc] = await Promise.all([
      farm.rewardPerSecond(),
      farm.bonusMultiplier(),
      farm.bonusEndTime(),
      farm.startTime(),
      farm.endTime(),
      farm.poolInfo(pid).then((p) => p.allocPoint),
      farm.totalAllocPoint(),
    ]);
    const from = BigInt(start.timestamp) > startTime ? BigInt(start.timestamp) : startTime;
    const to = BigInt(end.timestamp) < endTime ? BigInt(end.timestamp) : endTime;
    const bonusTo = to < bonusEnd ? to : bonusEnd;
    const bonusSeconds = bonusTo > from ? bonusTo - from : 0n;
    const emitted = new Decimal(
      (rate * (bonusSeconds * multiplier + (to - from - bonusSeconds))).toString(),
    );
    const expected = emitted
      .mul(alloc.toString())
      .div(totalAlloc.toString())
      .mul(staked.toString())
      .div(total.toString());

    await open("farm");
    const shown = BigInt((await field("farm-pending-0").getAttribute("data-raw")) ?? "0");
    expect(shown).to.equal(await farm.pendingReward(pid, alice));
    const earned = new Decimal((shown - pendingAtStart).toString());
    // The farm rounds the reward per share down to ACC_PRECISION (1e18): a few wei at most.
    expect(earned.minus(expected).abs().lte(1_000)).to.equal(
      true,
      `earned ${earned}, expected ${expected}`,
    );
  });

  it("deposits LP in the vault and redeems it, counting shares in the vault's own decimals", async function () {
    const vault = sandbox.vault;
    const { lp, lpBefore } = await addWethUsdcLiquidity();
    expect(await vault.totalSupply(), "the seeded vault is empty").to.equal(0n);

    await open("protocols");
    await page.fill('input[name="vault-deposit"]', formatUnits(lp, 18));
    expect(await confirm("vault-deposit-confirm")).to.equal("done");
    // ERC-4626 with virtual shares: shares = assets × (supply + 10^offset) / (total assets + 1);
    // into an empty vault with an offset of 6, 10^6 share units for each LP unit, in 18 + 6 decimals.
    const shares = lp * 10n ** 6n;
    expect(await vault.balanceOf(alice)).to.equal(shares);
    await caughtUp();
    await open("protocols");
    await page.waitForFunction(
      (raw) =>
        document.querySelector('[data-field="vault-shares"]')?.getAttribute("data-raw") === raw,
      shares.toString(),
    );
    expect(await field("vault-shares").textContent()).to.equal(
      cut(new Decimal(formatUnits(lp, 18)), 6),
    );
    // A whole share, 10^24 units, is worth (lp + 1) / (lp·10^6 + 10^6) · 10^24 = 10^18 units: 1 LP.
    expect(await field("vault-share-price").getAttribute("data-raw")).to.equal(WAD.toString());
    expect(await field("vault-share-price").textContent()).to.equal("1 LP a share");

    await page.fill('input[name="vault-redeem"]', formatUnits(shares, 24));
    expect(await confirm("vault-redeem-confirm")).to.equal("done");
    expect(await vault.balanceOf(alice)).to.equal(0n);
    expect(await sandbox.pairWethUsdc.balanceOf(alice)).to.equal(lpBefore + lp);
  });

  it("borrows against WETH until the health factor shown equals the closed form", async function () {
    const market = sandbox.lendingMarket;
    const weth = await sandbox.weth.getAddress();
    const usdc = await sandbox.usdc.getAddress();
    await open("lending");
    await page.selectOption('select[name="lending-asset"]', "WETH");
    await page.fill('input[name="lending-supply"]', "10");
    expect(await confirm("lending-supply-confirm")).to.equal("done");
    await page.selectOption('select[name="lending-asset"]', "USDC");
    await page.fill('input[name="lending-borrow"]', "8000");
    expect(await confirm("lending-borrow-confirm")).to.equal("done");

    const oracle = await hre.artifacts.readArtifact("IPriceOracle");
    const priceOracle = new (await import("ethers")).Contract(
      await market.oracle(),
      oracle.abi,
      stack!.connection.ethers.provider,
    );
    const [wethPrice] = (await priceOracle.getPrice(weth)) as [bigint, bigint];
    const [usdcPrice] = (await priceOracle.getPrice(usdc)) as [bigint, bigint];
    const [, wethParameters] = await market.assetConfig(weth);
    // Health factor = Σ collateral × price × liquidation threshold / Σ debt × price.
    const collateral = new Decimal(10)
      .mul(wethPrice.toString())
      .mul(wethParameters.liquidationThresholdBps.toString())
      .div(10_000);
    const debt = new Decimal(8000).mul(usdcPrice.toString());
    await caughtUp();
    await open("lending");
    await field("health-factor").waitFor();
    expect(await field("health-factor").textContent()).to.equal(cut(collateral.div(debt), 6));
    expect(await market.debtOf(alice, usdc)).to.equal(8000n * 10n ** 6n);
  });

  it("plays migrator-rug from the Scenarios page with the figures `npm run scenario` prints", async function () {
    await open("scenarios");
    await page.selectOption('select[name="scenario"]', "migrator-rug");
    await page.click('button[name="play-both"]');
    await page.locator('[data-table="scenario-result"]').waitFor({ timeout: 120_000 });
    const run = await scenarioRun;
    expect(run.code, run.stderr).to.equal(0);
    const json = JSON.parse(run.stdout) as Record<
      "vulnerable" | "hardened",
      Record<string, string>
    >;
    for (const side of ["vulnerable", "hardened"] as const) {
      const row = page.locator(`tr[data-side="${side}"]`);
      const raw = (name: string) => row.locator(`[data-field="${name}"]`).getAttribute("data-raw");
      expect(await raw("attackerProfit")).to.equal(json[side].attackerProfit);
      expect(await raw("victimsLoss")).to.equal(json[side].victimsLoss);
      expect(await raw("protocol")).to.equal(
        `${json[side].protocolBefore}→${json[side].protocolAfter}`,
      );
    }
    expect(await page.locator('[data-card="timeline-vulnerable"] [data-step]').count()).to.equal(3);
    await page.screenshot({ path: path.join(SHOTS, "scenario-migrator-rug.png"), fullPage: true });
  });

  it("computes $500 at 30% for a year: $150 simple, compounded daily by the closed form", async function () {
    await open("calculators");
    await page.fill('input[name="calc-principal"]', "500");
    await page.fill('input[name="calc-rate"]', "30");
    await page.selectOption('select[name="calc-periods"]', "365");
    // principal × ((1 + APR/365)^365 − 1)
    const daily = new Decimal(500).mul(
      new Decimal(1).plus(new Decimal(0.3).div(365)).pow(365).minus(1),
    );
    expect(await field("calc-simple").textContent()).to.equal("$150.00");
    expect(await field("calc-compounded").textContent()).to.equal(`$${daily.toFixed(2)}`);
    await page.fill('input[name="calc-ratio"]', "4");
    // IL(4) = 2·√4 / (1 + 4) − 1 = −20%
    expect(await field("calc-il").textContent()).to.equal("IL(r) = -20.0000%");
  });

  it("loads every page with no console error, and saves a screenshot of each", async function () {
    for (const hash of PAGES) {
      await open(hash);
      await page.waitForFunction(
        () =>
          !/(reading|loading)[a-z ]*…/.test(
            document.querySelector("main")?.textContent ?? "reading…",
          ),
        undefined,
        { timeout: 30_000 },
      );
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, `${hash}.png`), fullPage: true });
    }
    expect(consoleErrors).to.deep.equal([]);
  });

  it("shows one banner with the command that starts a node when there is no node", async function () {
    const port = await freePort();
    const nowhere = `http://127.0.0.1:${port}`;
    const connection = await hre.network.create({
      network: "localhost",
      override: { url: nowhere },
    });
    const app = await startAppServer(hre, connection, {
      hostname: "127.0.0.1",
      port: 0,
      distDir: path.join(process.cwd(), "app", "dist"),
      nodeUrl: nowhere,
      startHint: "npm run sandbox",
    });
    try {
      await page.goto(app.url);
      const banner = page.locator('[role="alert"]');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.count()).to.equal(1);
      expect(await banner.textContent()).to.equal(
        `no node at ${nowhere} — start it with npm run sandbox`,
      );
    } finally {
      await app.close();
      await connection.close();
    }
  });
});
