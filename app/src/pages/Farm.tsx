import { useState } from "react";
import type { Address } from "viem";

import { D } from "../../../lib/pure/analytics/index.js";
import { type Session, fetchJson, useChainRead, useSession } from "../chain.js";
import { AmountField, Card, Facts, TxButton, useAmount } from "../components.js";
import { amount, percent, utc } from "../format.js";
import { balanceOf } from "../pools.js";

interface FarmsJson {
  farms: {
    title: string;
    data: {
      pid: number;
      stakes: string;
      allocPoint: string;
      totalStaked: string;
      stakedUsd: string | null;
      rewardApr: string | null;
    }[];
  };
}

const TIERS = [
  { tier: 0n, name: "flexible" },
  { tier: 1n, name: "30 days" },
  { tier: 2n, name: "90 days" },
] as const;

interface FarmPool {
  pid: bigint;
  token: Address;
  allocPoint: bigint;
  totalStaked: bigint;
  stake: bigint;
  pending: bigint;
  wallet: bigint;
}

/** The farm's pools, with the actor's stake and pending reward at the latest block. */
async function readFarm({ sandbox, signer }: Session) {
  const farm = sandbox.book.addresses.farm;
  const abi = sandbox.book.abis.farm;
  const read = (functionName: string, args: readonly unknown[] = []) =>
    sandbox.client.readContract({ address: farm, abi, functionName, args });
  const [count, totalAlloc, rewardPerSecond] = (await Promise.all([
    read("poolLength"),
    read("totalAllocPoint"),
    read("rewardPerSecond"),
  ])) as [bigint, bigint, bigint];
  const pools: FarmPool[] = await Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const pid = BigInt(i);
      const [info, user, pending] = (await Promise.all([
        read("poolInfo", [pid]),
        read("userInfo", [pid, signer.address]),
        read("pendingReward", [pid, signer.address]),
      ])) as [
        readonly [Address, bigint, number, bigint, bigint],
        readonly [bigint, bigint, bigint],
        bigint,
      ];
      return {
        pid,
        token: info[0],
        allocPoint: info[1],
        totalStaked: info[4],
        stake: user[0],
        pending,
        wallet: await balanceOf(sandbox, info[0], signer.address),
      };
    }),
  );
  return { pools, totalAlloc, rewardPerSecond };
}

function FarmForm({ pools, names }: { pools: FarmPool[]; names: Map<bigint, string> }) {
  const { signer, sandbox } = useSession();
  const farm = sandbox.book.addresses.farm;
  const [pid, setPid] = useState(0n);
  const pool = pools.find((p) => p.pid === pid) ?? pools[0];
  const name = names.get(pool.pid) ?? "token";
  const deposit = useAmount(18, name, pool.wallet);
  const withdraw = useAmount(18, name, pool.stake);
  const ctx = { default: { symbol: name, decimals: 18 } };
  return (
    <Card title="Deposit, withdraw, harvest" id="farm-form">
      <div className="form">
        <select
          name="farm-pid"
          value={String(pid)}
          onChange={(e) => setPid(BigInt(e.target.value))}
        >
          {pools.map((p) => (
            <option key={String(p.pid)} value={String(p.pid)}>
              {p.pid.toString()}: {names.get(p.pid)}
            </option>
          ))}
        </select>
        <p className="muted">
          in your wallet {amount(pool.wallet, 18, name, 6)} · staked{" "}
          {amount(pool.stake, 18, name, 6)}
        </p>
        <AmountField label="deposit" name="farm-deposit" amount={deposit} />
        <TxButton
          label="Deposit"
          name="farm-deposit-confirm"
          ctx={ctx}
          writes={
            deposit.parsed.ok
              ? () => {
                  const value = (deposit.parsed as { value: bigint }).value;
                  return [
                    {
                      contract: "usdc",
                      address: pool.token,
                      functionName: "approve",
                      args: [farm, value],
                    },
                    {
                      contract: "farm",
                      functionName: "deposit",
                      args: [pool.pid, value, signer.address],
                    },
                  ];
                }
              : undefined
          }
        />
        <AmountField label="withdraw" name="farm-withdraw" amount={withdraw} />
        <TxButton
          label="Withdraw"
          name="farm-withdraw-confirm"
          ctx={ctx}
          writes={
            withdraw.parsed.ok
              ? () => [
                  {
                    contract: "farm",
                    functionName: "withdraw",
                    args: [pool.pid, (withdraw.parsed as { value: bigint }).value, signer.address],
                  },
                ]
              : undefined
          }
        />
        <div className="row">
          <TxButton
            label={`Harvest ${amount(pool.pending, 18, "RWD")}`}
            name="farm-harvest"
            writes={
              pool.pending > 0n
                ? () => [
                    { contract: "farm", functionName: "harvest", args: [pool.pid, signer.address] },
                  ]
                : undefined
            }
          />
          <TxButton
            label="Emergency withdraw (forfeits the reward)"
            name="farm-emergency"
            writes={
              pool.stake > 0n
                ? () => [
                    {
                      contract: "farm",
                      functionName: "emergencyWithdraw",
                      args: [pool.pid, signer.address],
                    },
                  ]
                : undefined
            }
          />
        </div>
      </div>
    </Card>
  );
}

function StakingCard() {
  const session = useSession();
  const { sandbox, signer, block } = session;
  const staking = sandbox.book.addresses.staking;
  const abi = sandbox.book.abis.staking;
  const data = useChainRead(async ({ sandbox: s, signer: who }) => {
    const read = (functionName: string, args: readonly unknown[] = []) =>
      s.client.readContract({ address: staking, abi, functionName, args });
    const [tiers, earned, weight, totalWeight, token] = await Promise.all([
      Promise.all(
        TIERS.map(
          (t) => read("balanceOf", [who.address, t.tier]) as Promise<readonly [bigint, bigint]>,
        ),
      ),
      read("earned", [who.address]) as Promise<bigint>,
      read("weightOf", [who.address]) as Promise<bigint>,
      read("totalWeight") as Promise<bigint>,
      read("stakingToken") as Promise<Address>,
    ]);
    return {
      tiers,
      earned,
      weight,
      totalWeight,
      token,
      wallet: await balanceOf(s, token, who.address),
    };
  });
  const [tier, setTier] = useState(0n);
  const stake = useAmount(18, "RWD", data.data?.wallet);
  if (data.data === undefined)
    return <Card title="Lock-tier staking">{data.error ?? "reading…"}</Card>;
  const d = data.data;
  return (
    <Card title="Lock-tier staking (RWD)" id="staking">
      <table>
        <thead>
          <tr>
            <th>tier</th>
            <th className="num">staked</th>
            <th>unlocks</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((t, i) => (
            <tr key={t.name}>
              <td>{t.name}</td>
              <td className="num">{amount(d.tiers[i][0], 18)}</td>
              <td>
                {d.tiers[i][1] === 0n
                  ? "—"
                  : `${utc(d.tiers[i][1])}${d.tiers[i][1] <= block.timestamp ? " (unlocked)" : ""}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Facts
        rows={[
          ["earned", amount(d.earned, 18, "RWD", 6), "staking-earned"],
          ["your weight / total", `${amount(d.weight, 18)} / ${amount(d.totalWeight, 18)}`],
          ["RWD in your wallet", amount(d.wallet, 18)],
        ]}
      />
      <div className="form">
        <select
          name="staking-tier"
          value={String(tier)}
          onChange={(e) => setTier(BigInt(e.target.value))}
        >
          {TIERS.map((t) => (
            <option key={t.name} value={String(t.tier)}>
              {t.name}
            </option>
          ))}
        </select>
        <AmountField label="stake RWD" name="staking-amount" amount={stake} />
        <TxButton
          label="Stake"
          name="staking-stake"
          ctx={{ default: { symbol: "RWD", decimals: 18 } }}
          writes={
            stake.parsed.ok
              ? () => {
                  const value = (stake.parsed as { value: bigint }).value;
                  return [
                    {
                      contract: "usdc",
                      address: d.token,
                      functionName: "approve",
                      args: [staking, value],
                    },
                    { contract: "staking", functionName: "stake", args: [value, tier] },
                  ];
                }
              : undefined
          }
        />
        <div className="row">
          <TxButton
            label="Claim"
            name="staking-claim"
            writes={
              d.earned > 0n ? () => [{ contract: "staking", functionName: "getReward" }] : undefined
            }
          />
          <TxButton
            label="Compound"
            name="staking-compound"
            writes={
              d.earned > 0n ? () => [{ contract: "staking", functionName: "compound" }] : undefined
            }
          />
        </div>
      </div>
      <p className="muted">signing as {signer.name}</p>
    </Card>
  );
}

export default function FarmPage() {
  const farm = useChainRead(readFarm);
  const status = useChainRead(() => fetchJson<FarmsJson>("api/status"), []);
  if (farm.data === undefined) return <p>{farm.error ?? "reading the farm…"}</p>;
  const rows = status.data?.farms.data ?? [];
  const names = new Map(rows.map((r) => [BigInt(r.pid), r.stakes]));
  return (
    <div className="cards">
      <Card title="Farm pools" id="farm-pools" wide>
        <p className="muted">
          emission {amount(farm.data.rewardPerSecond, 18, "RWD", 6)} a second, shared by weight
        </p>
        <table>
          <thead>
            <tr>
              <th>pid</th>
              <th>stakes</th>
              <th className="num">weight</th>
              <th className="num">reward APR</th>
              <th className="num">your stake</th>
              <th className="num">pending</th>
            </tr>
          </thead>
          <tbody>
            {farm.data.pools.map((p) => {
              const row = rows.find((r) => BigInt(r.pid) === p.pid);
              return (
                <tr key={String(p.pid)}>
                  <td>{p.pid.toString()}</td>
                  <td>{row?.stakes ?? p.token}</td>
                  <td className="num">
                    {p.allocPoint.toString()}/{farm.data?.totalAlloc.toString()}
                  </td>
                  <td className="num">
                    {row?.rewardApr == null ? "—" : percent(new D(row.rewardApr))}
                  </td>
                  <td
                    className="num"
                    data-field={`farm-stake-${p.pid}`}
                    data-raw={p.stake.toString()}
                  >
                    {amount(p.stake, 18, "", 6)}
                  </td>
                  <td
                    className="num"
                    data-field={`farm-pending-${p.pid}`}
                    data-raw={p.pending.toString()}
                  >
                    {amount(p.pending, 18, "", 6)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <FarmForm pools={farm.data.pools} names={names} />
      <StakingCard />
    </div>
  );
}
