import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { APP_DIST } from "./app-build.js";
import { launchChromium, startDashboardStack } from "./app-stack.js";

/** The benchmark node's chain id, apart from a running sandbox's and the tests'. */
const BENCH_CHAIN_ID = 31_340;
const LOADS = 5;
const SWAPS = 5;

export const TARGETS = {
  firstRenderMs: 1_500,
  swapToReservesMs: 1_000,
  bundleGzipKb: 500,
} as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * The dashboard measured in Chromium against a fresh node: the overview's first render after a
 * cold load (navigation start to the chain's block on screen, median of five), a swap from its
 * click to the pool's new reserves on screen (median of five), and the build's gzipped size (every
 * file, and what the overview loads). Each figure is printed beside its target.
 */
export interface DashboardFigures {
  firstRenderMs: number;
  swapToReservesMs: number;
  bundleGzipKb: number;
  overviewGzipKb: number;
  samples: { firstRenderMs: number[]; swapToReservesMs: number[] };
}

/** Measures the dashboard on a fresh node, deploy and build (see the task for what each figure is). */
export async function measureDashboard(
  hre: HardhatRuntimeEnvironment,
  say: (line: string) => void,
): Promise<DashboardFigures> {
  say("bench-app: building the app, starting a node and deploying the sandbox");
  const stack = await startDashboardStack(hre, BENCH_CHAIN_ID, (line) => say(`  ${line}`));
  const browser = await launchChromium();
  try {
    // First render: a fresh context each time (no cache); the time is taken in the page when
    // the block number first appears.
    const renders: number[] = [];
    let overviewBytes = 0;
    for (let i = 0; i < LOADS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { firstRender?: number };
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-field="block"]')?.textContent) {
            w.firstRender = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      const loaded = new Set<string>();
      page.on("requestfinished", (request) => {
        if (!request.url().includes("/api/") && !request.url().endsWith("/rpc"))
          loaded.add(request.url());
      });
      await page.goto(stack.appUrl);
      await page.waitForFunction(
        () => (window as unknown as { firstRender?: number }).firstRender !== undefined,
      );
      renders.push(
        await page.evaluate(() => (window as unknown as { firstRender: number }).firstRender),
      );
      if (i === 0) {
        for (const url of loaded) {
          const file = path.join(hre.config.paths.root, APP_DIST, new URL(url).pathname);
          overviewBytes += gzipSync(await readFile(file).catch(() => Buffer.alloc(0))).length;
        }
      }
      await context.close();
    }

    // A swap: approved beforehand (its own step), then timed in the page from the click to the
    // WETH reserve's new text.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${stack.appUrl}#/amm`);
    const reserve = '[data-field="pairWethUsdc-reserve-WETH"]';
    await page.locator(reserve).waitFor();
    const swaps: number[] = [];
    for (let i = 0; i < SWAPS; i += 1) {
      await page.fill('input[name="swap-amount"]', "0.1");
      await page.click('button[name="swap-approve"]');
      await page.waitForFunction(
        () =>
          (document.querySelector('button[name="swap-confirm"]') as HTMLButtonElement).disabled ===
          false,
      );
      const elapsed = await page.evaluate(
        (selector) =>
          new Promise<number>((resolve) => {
            const cell = document.querySelector(selector);
            const before = cell?.textContent;
            const button = document.querySelector(
              'button[name="swap-confirm"]',
            ) as HTMLButtonElement;
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (document.querySelector(selector)?.textContent !== before) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(document.body, {
              childList: true,
              subtree: true,
              characterData: true,
            });
            button.click();
          }),
        reserve,
      );
      swaps.push(elapsed);
    }

    const assets = path.join(hre.config.paths.root, APP_DIST, "assets");
    let totalBytes = gzipSync(
      await readFile(path.join(hre.config.paths.root, APP_DIST, "index.html")),
    ).length;
    for (const name of await readdir(assets)) {
      totalBytes += gzipSync(await readFile(path.join(assets, name))).length;
    }

    return {
      firstRenderMs: Math.round(median(renders)),
      swapToReservesMs: Math.round(median(swaps)),
      bundleGzipKb: Math.round(totalBytes / 1024),
      overviewGzipKb: Math.round(overviewBytes / 1024),
      samples: { firstRenderMs: renders.map(Math.round), swapToReservesMs: swaps.map(Math.round) },
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}
