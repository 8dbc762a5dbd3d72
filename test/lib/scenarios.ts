import { expect } from "chai";
import { Interface } from "ethers";

import { ExploitModuleError, loadExploit } from "../../lib/scenarios/challenge.js";
import { formatAmount, formatUnits } from "../../lib/scenarios/format.js";
import { proposalStateName } from "../../lib/pure/governor.js";
import { SCENARIOS, findScenario } from "../../lib/scenarios/index.js";
import { scenarioTable, summaryTable, toJson } from "../../lib/scenarios/report.js";
import { describeRevert } from "../../lib/scenarios/run.js";
import type { ScenarioResult, SideResult } from "../../lib/scenarios/types.js";

const ONE = 10n ** 18n;

function side(name: "vulnerable" | "hardened", profit: bigint, revert: string | null): SideResult {
  return {
    side: name,
    contract: name === "vulnerable" ? "Naive" : "Safe",
    asset: { symbol: "DAI", decimals: 18 },
    revert,
    quote: null,
    attackerProfit: profit,
    victimsLoss: profit,
    protocolBefore: 10n * ONE,
    protocolAfter: 10n * ONE - profit,
    checks: [{ ok: true, message: "fine" }],
    passed: true,
  };
}

const RESULT: ScenarioResult = {
  name: "example",
  title: "Example",
  incident: "none",
  fix: "none",
  asset: { symbol: "DAI", decimals: 18 },
  exploit: "shipped",
  vulnerable: side("vulnerable", 10n * ONE, null),
  hardened: side("hardened", 0n, "Nope(1, 2)"),
};

describe("scenario library", function () {
  it("formats base units as grouped decimals, rounding down to the places asked", function () {
    const cases: [bigint, number, number, string][] = [
      [1_234_567n * ONE, 18, 6, "1,234,567 DAI"],
      [2_500_000_000_000_000n, 18, 6, "0.0025 DAI"],
      [-4_999_998_749_000_000_000_000n, 18, 4, "-4,999.9987 DAI"],
      [1n, 18, 6, "0 DAI"],
      [123_456_789n, 6, 2, "123.45 DAI"],
    ];
    for (const [raw, decimals, places, text] of cases) {
      expect(formatAmount(raw, decimals, "DAI", places), text).to.equal(text);
    }
    expect(formatUnits(15n, 1)).to.equal("1.5");
  });

  it("names a custom error from revert data nested in a thrown error", function () {
    const iface = new Interface(["error EtherVaultPayoutFailed(address to, uint256 amount)"]);
    const data = iface.encodeErrorResult("EtherVaultPayoutFailed", [
      "0x0000000000000000000000000000000000000001",
      5n,
    ]);
    const error = { message: "reverted", info: { error: { data } } };
    expect(describeRevert(error, [iface])).to.equal(
      "EtherVaultPayoutFailed(0x0000000000000000000000000000000000000001, 5)",
    );
    expect(describeRevert({ shortMessage: "no data\nmore" }, [iface])).to.equal("no data");
  });

  it("prints a row per side and a summary row per scenario", function () {
    const table = scenarioTable(RESULT);
    expect(table).to.contain("10 DAI");
    expect(table).to.contain("reverted: Nope");
    expect(summaryTable([RESULT])).to.contain("example");
  });

  it("turns amounts into decimal strings for JSON", function () {
    const json = toJson(RESULT) as { vulnerable: { attackerProfit: string } };
    expect(json.vulnerable.attackerProfit).to.equal("10000000000000000000");
  });

  it("lists each scenario once, by a kebab-case name", function () {
    const names = SCENARIOS.map((s) => s.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const name of names) expect(name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(findScenario("reentrancy")?.name).to.equal("reentrancy");
    expect(findScenario("nope")).to.equal(undefined);
  });

  it("names a governor's proposal states in OpenZeppelin's enum order, and refuses one past the end", function () {
    expect(proposalStateName(0n), "state 0").to.equal("Pending");
    expect(proposalStateName(3n), "state 3").to.equal("Defeated");
    expect(proposalStateName(4n), "state 4").to.equal("Succeeded");
    expect(proposalStateName(7n), "state 7").to.equal("Executed");
    expect(() => proposalStateName(8n)).to.throw(RangeError, "no proposal state 8");
  });
});

describe("challenge mode's exploit loader", function () {
  it("loads the template's exploit function", async function () {
    const exploit = await loadExploit("scripts/scenarios/exploit-template.ts");
    expect(exploit).to.be.a("function");
  });

  it("refuses a missing file and a module without an exploit, naming the problem", async function () {
    const missing = await loadExploit("no/such/exploit.ts").catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(ExploitModuleError);
    expect((missing as Error).message).to.match(/^no exploit module at /);
    const empty = await loadExploit("test/lib/fixtures/empty-exploit.ts").catch((e: unknown) => e);
    expect(empty).to.be.instanceOf(ExploitModuleError);
    expect((empty as Error).message).to.match(/must export a function named exploit\(world\)$/);
  });
});
