import { type ReactNode, useState } from "react";

import { explain, fetchJson, travel, useChainRead, useSession } from "../chain.js";
import { Card, Facts } from "../components.js";
import { amount, utc } from "../format.js";

interface StatusJson {
  governance: {
    title: string;
    data: { timelock: string; governor: string; minDelay: string; admins: Record<string, string> };
  };
  account: { data: { name: string; balances: Record<string, string> } };
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The chain's head, time travel, the actor's balances and who holds each admin power. */
export function ChainPage() {
  const session = useSession();
  const { sandbox, block, signer } = session;
  const [moving, setMoving] = useState<string>();
  const status = useChainRead(
    () =>
      fetchJson<StatusJson>(
        `api/status?account=${signer.kind === "actor" ? signer.name : "alice"}`,
      ),
    [],
  );
  const balances = useChainRead(async ({ sandbox: s, signer: who }) => {
    const eth = await s.client.getBalance({ address: who.address });
    const tokens = await Promise.all(
      s.tokens.map(async (t) => ({
        token: t,
        balance: (await s.client.readContract({
          address: t.address,
          abi: s.book.abis.usdc,
          functionName: "balanceOf",
          args: [who.address],
        })) as bigint,
      })),
    );
    return { eth, tokens };
  });

  const [travelError, setTravelError] = useState<string>();
  const move = async (label: string, seconds: number) => {
    setMoving(label);
    setTravelError(undefined);
    try {
      await travel(session, seconds);
    } catch (error) {
      setTravelError(explain(error));
    } finally {
      setMoving(undefined);
    }
  };
  const timelock = status.data?.governance.data.timelock;

  return (
    <div className="cards">
      <Card title="Chain" id="chain">
        <Facts
          rows={[
            ["network", sandbox.book.network],
            ["chain id", String(sandbox.book.chainId), "chain-id"],
            ["block", block.number.toString(), "block"],
            ["time (UTC)", utc(block.timestamp), "time"],
            ["node", sandbox.book.nodeUrl],
          ]}
        />
        <div className="row">
          {(
            [
              ["+1 h", HOUR],
              ["+1 day", DAY],
              ["+7 days", 7 * DAY],
              ["mine a block", 0],
            ] as const
          ).map(([label, seconds]) => (
            <button
              key={label}
              name={`travel-${label}`}
              className="secondary"
              disabled={moving !== undefined}
              onClick={() => void move(label, seconds)}
            >
              {label}
            </button>
          ))}
        </div>
        {travelError !== undefined && <p className="invalid">{travelError}</p>}
        {moving !== undefined && <p className="muted">moving {moving}…</p>}
      </Card>
      <Card title={`Balances of ${signer.name}`} id="balances">
        {balances.data === undefined ? (
          <p>{balances.error ?? "reading…"}</p>
        ) : (
          <Facts
            rows={[
              ["ETH", amount(balances.data.eth, 18), "balance-ETH", balances.data.eth.toString()],
              ...balances.data.tokens.map(
                ({ token, balance }) =>
                  [
                    token.symbol,
                    amount(balance, token.decimals),
                    `balance-${token.symbol}`,
                    balance.toString(),
                  ] as [string, string, string, string],
              ),
            ]}
          />
        )}
      </Card>
      <Card title="Admin powers" id="governance">
        {status.data === undefined ? (
          <p>{status.error ?? "reading…"}</p>
        ) : (
          <>
            <p className="muted">{status.data.governance.title}</p>
            <Facts
              rows={Object.entries(status.data.governance.data.admins).map(
                ([key, holder]) =>
                  [key, holder === timelock ? "timelock" : holder] as [string, string],
              )}
            />
          </>
        )}
      </Card>
      <Card title="Address book" id="addresses">
        <Facts
          rows={Object.entries(sandbox.book.addresses).map(
            ([key, address]) => [key, <code key={key}>{address}</code>] as [string, ReactNode],
          )}
        />
      </Card>
    </div>
  );
}
