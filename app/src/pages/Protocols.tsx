import { useState } from "react";
import { type Address, type Hex, encodeFunctionData, keccak256, toHex } from "viem";

import { PROPOSAL_STATES } from "../../../lib/pure/governor.js";
import { type Session, type Write, fetchJson, useChainRead, useSession } from "../chain.js";
import { AmountField, Card, Facts, TxButton, useAmount } from "../components.js";
import { amount, utc } from "../format.js";
import { balanceOf } from "../pools.js";

function Vault() {
  const { sandbox, signer } = useSession();
  const vault = sandbox.book.addresses.vault;
  const abi = sandbox.book.abis.vault;
  const data = useChainRead(async ({ sandbox: s, signer: who }) => {
    const read = <T,>(functionName: string, args: readonly unknown[] = []) =>
      s.client.readContract({ address: vault, abi, functionName, args }) as Promise<T>;
    // Shares carry the vault's decimals offset on top of the LP's 18 (ERC-4626 virtual shares).
    const shareDecimals = Number(await read<number | bigint>("decimals"));
    const [asset, perShare, locked, total, shares] = await Promise.all([
      read<Address>("asset"),
      read<bigint>("convertToAssets", [10n ** BigInt(shareDecimals)]),
      read<bigint>("lockedProfit"),
      read<bigint>("totalAssets"),
      read<bigint>("balanceOf", [who.address]),
    ]);
    return {
      asset,
      shareDecimals,
      perShare,
      locked,
      total,
      shares,
      wallet: await balanceOf(s, asset, who.address),
    };
  });
  const deposit = useAmount(18, "LP", data.data?.wallet);
  const redeem = useAmount(data.data?.shareDecimals ?? 18, "shares", data.data?.shares);
  if (data.data === undefined) return <Card title="Vault">{data.error ?? "reading…"}</Card>;
  const d = data.data;
  const ctx = { default: { symbol: "LP", decimals: 18 } };
  return (
    <Card title="Auto-compounding vault (WETH/USDC LP)" id="vault">
      <Facts
        rows={[
          [
            "share price",
            `${amount(d.perShare, 18, "LP", 8)} a share`,
            "vault-share-price",
            d.perShare.toString(),
          ],
          ["locked profit", amount(d.locked, 18, "LP", 8)],
          ["total assets", amount(d.total, 18, "LP", 6)],
          [
            "your shares",
            amount(d.shares, d.shareDecimals, "", 6),
            "vault-shares",
            d.shares.toString(),
          ],
          ["LP in your wallet", amount(d.wallet, 18, "", 6)],
        ]}
      />
      <div className="form">
        <AmountField label="deposit LP" name="vault-deposit" amount={deposit} />
        <TxButton
          label="Deposit"
          name="vault-deposit-confirm"
          ctx={ctx}
          writes={
            deposit.parsed.ok
              ? () => {
                  const v = (deposit.parsed as { value: bigint }).value;
                  return [
                    {
                      contract: "usdc",
                      address: d.asset,
                      functionName: "approve",
                      args: [vault, v],
                    },
                    { contract: "vault", functionName: "deposit", args: [v, signer.address] },
                  ];
                }
              : undefined
          }
        />
        <AmountField label="redeem shares" name="vault-redeem" amount={redeem} />
        <TxButton
          label="Redeem"
          name="vault-redeem-confirm"
          ctx={ctx}
          writes={
            redeem.parsed.ok
              ? () => [
                  {
                    contract: "vault",
                    functionName: "redeem",
                    args: [
                      (redeem.parsed as { value: bigint }).value,
                      signer.address,
                      signer.address,
                    ],
                  },
                ]
              : undefined
          }
        />
        <TxButton
          label="Harvest (as the keeper)"
          name="vault-harvest"
          writes={() => [{ contract: "vault", functionName: "harvest" }]}
        />
        <p className="muted">
          harvest is the keeper&apos;s: switch the actor to keeper, or read the decoded refusal
        </p>
      </div>
    </Card>
  );
}

interface Proposal {
  id: bigint;
  description: string;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  state: number;
  votes: readonly [bigint, bigint, bigint];
  quorum: bigint;
  deadline: bigint;
}

async function readGovernance({ sandbox, signer, block }: Session) {
  const governor = sandbox.book.addresses.governor;
  const abi = sandbox.book.abis.governor;
  const token = sandbox.book.addresses.governance;
  const read = <T,>(
    address: Address,
    a: typeof abi,
    functionName: string,
    args: readonly unknown[] = [],
  ) => sandbox.client.readContract({ address, abi: a, functionName, args }) as Promise<T>;
  const events = (await sandbox.client.getContractEvents({
    address: governor,
    abi,
    eventName: "ProposalCreated",
    fromBlock: 0n,
  })) as unknown as {
    args: {
      proposalId: bigint;
      targets: Address[];
      values: bigint[];
      calldatas: Hex[];
      description: string;
      voteStart: bigint;
    };
  }[];
  const proposals: Proposal[] = await Promise.all(
    events.map(async (e) => {
      const { proposalId, voteStart } = e.args;
      const [state, votes, deadline] = await Promise.all([
        read<number>(governor, abi, "state", [proposalId]),
        read<readonly [bigint, bigint, bigint]>(governor, abi, "proposalVotes", [proposalId]),
        read<bigint>(governor, abi, "proposalDeadline", [proposalId]),
      ]);
      const quorum =
        voteStart < block.timestamp ? await read<bigint>(governor, abi, "quorum", [voteStart]) : 0n;
      return {
        id: proposalId,
        description: e.args.description,
        targets: e.args.targets,
        values: e.args.values,
        calldatas: e.args.calldatas,
        state,
        votes,
        quorum,
        deadline,
      };
    }),
  );
  const tokenAbi = sandbox.book.abis.governance;
  const [votes, delegatee, balance] = await Promise.all([
    read<bigint>(token, tokenAbi, "getVotes", [signer.address]),
    read<Address>(token, tokenAbi, "delegates", [signer.address]),
    read<bigint>(token, tokenAbi, "balanceOf", [signer.address]),
  ]);
  return { proposals, votes, delegatee, balance };
}

function Governance() {
  const session = useSession();
  const { sandbox, signer } = session;
  const gov = useChainRead(readGovernance);
  const [pid, setPid] = useState("0");
  const [alloc, setAlloc] = useState("500");
  const farm = sandbox.book.addresses.farm;
  if (gov.data === undefined) return <Card title="Governance">{gov.error ?? "reading…"}</Card>;
  const formOk = /^\d+$/.test(pid) && /^\d+$/.test(alloc) && Number(alloc) <= 1_000_000;
  const description = `Set farm pool ${pid}'s weight to ${alloc}`;
  const withProposal = (p: Proposal, functionName: string): Write[] => [
    {
      contract: "governor",
      functionName,
      args: [p.targets, p.values, p.calldatas, keccak256(toHex(p.description))],
    },
  ];
  return (
    <Card title="Governance" id="governance" wide>
      <p className="muted">
        your votes {amount(gov.data.votes, 18)} SGOV of {amount(gov.data.balance, 18)} held ·
        delegated to{" "}
        {gov.data.delegatee === "0x0000000000000000000000000000000000000000"
          ? "nobody"
          : gov.data.delegatee}
      </p>
      <TxButton
        label="Delegate to myself"
        name="gov-delegate"
        writes={() => [
          { contract: "governance", functionName: "delegate", args: [signer.address] },
        ]}
      />
      <table>
        <thead>
          <tr>
            <th>proposal</th>
            <th>state</th>
            <th className="num">for / against / abstain</th>
            <th className="num">quorum</th>
            <th>voting ends</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {gov.data.proposals.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                no proposal yet
              </td>
            </tr>
          )}
          {gov.data.proposals.map((p) => (
            <tr key={String(p.id)}>
              <td>{p.description}</td>
              <td>{PROPOSAL_STATES[p.state] ?? p.state}</td>
              <td className="num">{p.votes.map((v) => amount(v, 18, "", 0)).join(" / ")}</td>
              <td className="num">{amount(p.quorum, 18, "", 0)}</td>
              <td>{utc(p.deadline)}</td>
              <td>
                <div className="row">
                  <TxButton
                    label="For"
                    name={`gov-for-${p.id}`}
                    writes={
                      p.state === 1
                        ? () => [
                            { contract: "governor", functionName: "castVote", args: [p.id, 1] },
                          ]
                        : undefined
                    }
                  />
                  <TxButton
                    label="Against"
                    name={`gov-against-${p.id}`}
                    writes={
                      p.state === 1
                        ? () => [
                            { contract: "governor", functionName: "castVote", args: [p.id, 0] },
                          ]
                        : undefined
                    }
                  />
                  <TxButton
                    label="Queue"
                    name={`gov-queue-${p.id}`}
                    writes={p.state === 4 ? () => withProposal(p, "queue") : undefined}
                  />
                  <TxButton
                    label="Execute"
                    name={`gov-execute-${p.id}`}
                    writes={p.state === 5 ? () => withProposal(p, "execute") : undefined}
                  />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        propose: farm pool{" "}
        <input name="gov-pid" size={3} value={pid} onChange={(e) => setPid(e.target.value)} />{" "}
        weight{" "}
        <input name="gov-alloc" size={6} value={alloc} onChange={(e) => setAlloc(e.target.value)} />
        {!formOk && <span className="invalid">whole numbers, weight at most 1,000,000</span>}
        <TxButton
          label="Propose"
          name="gov-propose"
          writes={
            formOk
              ? () => [
                  {
                    contract: "governor",
                    functionName: "propose",
                    args: [
                      [farm],
                      [0n],
                      [
                        encodeFunctionData({
                          abi: sandbox.book.abis.farm,
                          functionName: "set",
                          args: [BigInt(pid), BigInt(alloc)],
                        }),
                      ],
                      description,
                    ],
                  },
                ]
              : undefined
          }
        />
      </div>
      <p className="muted">
        voting opens after the voting delay and the timelock waits its delay: move time on the Chain
        page
      </p>
    </Card>
  );
}

function Airdrop() {
  const { sandbox, signer } = useSession();
  const claim = useChainRead(async ({ sandbox: s, signer: who }) => {
    const c = await fetchJson<{
      index?: number;
      account?: Address;
      amount?: string;
      proof?: Hex[];
      none?: boolean;
    }>(`api/airdrop/${who.address}`);
    if (c.none === true || c.index === undefined) return undefined;
    const claimed = (await s.client.readContract({
      address: s.book.addresses.airdrop,
      abi: s.book.abis.airdrop,
      functionName: "isClaimed",
      args: [BigInt(c.index)],
    })) as boolean;
    return { ...c, claimed };
  }, []);
  const gov = sandbox.tokens.find((t) => t.key === "governance");
  return (
    <Card title="Airdrop" id="airdrop">
      {claim.data === undefined ? (
        <p className="muted">{claim.error ?? `${signer.name} has no claim in the airdrop`}</p>
      ) : (
        <>
          <Facts
            rows={[
              [
                "claim",
                amount(BigInt(claim.data.amount ?? "0"), gov?.decimals ?? 18, gov?.symbol ?? ""),
                "airdrop-amount",
              ],
              ["claimed", claim.data.claimed ? "yes" : "no"],
            ]}
          />
          <TxButton
            label="Claim"
            name="airdrop-claim"
            ctx={{ default: gov }}
            writes={
              claim.data.claimed
                ? undefined
                : () => [
                    {
                      contract: "airdrop",
                      functionName: "claim",
                      args: [
                        BigInt(claim.data!.index!),
                        claim.data!.account,
                        BigInt(claim.data!.amount!),
                        claim.data!.proof,
                      ],
                    },
                  ]
            }
          />
        </>
      )}
    </Card>
  );
}

function LiquidStaking() {
  const { sandbox, signer } = useSession();
  const lst = sandbox.book.addresses.liquidStaking;
  const abi = sandbox.book.abis.liquidStaking;
  const data = useChainRead(async ({ sandbox: s, signer: who }) => {
    const read = <T,>(functionName: string, args: readonly unknown[] = []) =>
      s.client.readContract({ address: lst, abi, functionName, args }) as Promise<T>;
    const [shares, pending, eth] = await Promise.all([
      read<bigint>("balanceOf", [who.address]),
      read<readonly [bigint, bigint, bigint]>("pendingDeposit", [who.address]),
      s.client.getBalance({ address: who.address }),
    ]);
    return { shares, pending, eth };
  });
  const stake = useAmount(18, "ETH", data.data?.eth);
  const request = useAmount(18, "shares", data.data?.shares);
  const [requestId, setRequestId] = useState("0");
  if (data.data === undefined)
    return <Card title="Liquid staking">{data.error ?? "reading…"}</Card>;
  const d = data.data;
  return (
    <Card title="Liquid staking" id="lst">
      <Facts
        rows={[
          ["your shares", amount(d.shares, 18, "", 6)],
          [
            "pending deposit",
            `${amount(d.pending[0], 18, "ETH")} (report ${d.pending[1]}, claimable ${amount(d.pending[2], 18, "shares")})`,
          ],
        ]}
      />
      <div className="form">
        <AmountField label="stake ETH" name="lst-stake" amount={stake} />
        <TxButton
          label="Stake"
          name="lst-stake-confirm"
          ctx={{ default: { symbol: "ETH", decimals: 18 } }}
          writes={
            stake.parsed.ok
              ? () => [
                  {
                    contract: "liquidStaking",
                    functionName: "stake",
                    value: (stake.parsed as { value: bigint }).value,
                  },
                ]
              : undefined
          }
        />
        <TxButton
          label="Claim shares"
          name="lst-claim-shares"
          writes={
            d.pending[2] > 0n
              ? () => [
                  {
                    contract: "liquidStaking",
                    functionName: "claimShares",
                    args: [signer.address],
                  },
                ]
              : undefined
          }
        />
        <AmountField label="request a withdrawal of shares" name="lst-request" amount={request} />
        <TxButton
          label="Request withdrawal"
          name="lst-request-confirm"
          writes={
            request.parsed.ok
              ? () => [
                  {
                    contract: "liquidStaking",
                    functionName: "requestWithdrawal",
                    args: [(request.parsed as { value: bigint }).value],
                  },
                ]
              : undefined
          }
        />
        <div className="row">
          request id{" "}
          <input
            name="lst-request-id"
            size={4}
            value={requestId}
            onChange={(e) => setRequestId(e.target.value)}
          />
          <TxButton
            label="Claim withdrawal"
            name="lst-claim"
            writes={
              /^\d+$/.test(requestId)
                ? () => [
                    {
                      contract: "liquidStaking",
                      functionName: "claimWithdrawal",
                      args: [BigInt(requestId)],
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

export default function ProtocolsPage() {
  return (
    <div className="cards">
      <Vault />
      <Airdrop />
      <LiquidStaking />
      <Governance />
    </div>
  );
}
