import { type EIP1193Provider, getAddress } from "viem";
import { type ReactNode, lazy, Suspense, useCallback, useEffect, useState } from "react";

import { type Sandbox, type Session, type Signer, SessionContext, loadSandbox } from "./chain.js";
import { ChainPage } from "./pages/Chain.js";
import { AmmPage } from "./pages/Amm.js";

const FarmPage = lazy(() => import("./pages/Farm.js"));
const LendingPage = lazy(() => import("./pages/Lending.js"));
const ProtocolsPage = lazy(() => import("./pages/Protocols.js"));
const ScenariosPage = lazy(() => import("./pages/Scenarios.js"));
const SimulatorPage = lazy(() => import("./pages/Simulator.js"));
const CalculatorsPage = lazy(() => import("./pages/Calculators.js"));

/** The pages, by the hash that shows each. */
export const PAGES: { hash: string; title: string; render: () => ReactNode }[] = [
  { hash: "chain", title: "Chain", render: () => <ChainPage /> },
  { hash: "amm", title: "AMM", render: () => <AmmPage /> },
  { hash: "farm", title: "Farm & staking", render: () => <FarmPage /> },
  { hash: "lending", title: "Lending", render: () => <LendingPage /> },
  {
    hash: "protocols",
    title: "Vault · governance · airdrop · LST",
    render: () => <ProtocolsPage />,
  },
  { hash: "scenarios", title: "Scenarios", render: () => <ScenariosPage /> },
  { hash: "simulator", title: "Simulator", render: () => <SimulatorPage /> },
  { hash: "calculators", title: "Calculators", render: () => <CalculatorsPage /> },
];

const pageOf = () => window.location.hash.replace(/^#\/?/, "") || "chain";

/** Wallets that announce themselves through EIP-6963. */
interface AnnouncedWallet {
  info: { uuid: string; name: string; rdns: string };
  provider: EIP1193Provider;
}

function useInjectedWallets(): AnnouncedWallet[] {
  const [wallets, setWallets] = useState<AnnouncedWallet[]>([]);
  useEffect(() => {
    const onAnnounce = (event: Event) => {
      const detail = (event as CustomEvent<AnnouncedWallet>).detail;
      setWallets((list) =>
        list.some((w) => w.info.uuid === detail.info.uuid) ? list : [...list, detail],
      );
    };
    window.addEventListener("eip6963:announceProvider", onAnnounce);
    window.dispatchEvent(new Event("eip6963:requestProvider"));
    return () => window.removeEventListener("eip6963:announceProvider", onAnnounce);
  }, []);
  return wallets;
}

/** One banner for a missing node or a wrong chain, with the command that fixes it. */
function Banner({ text }: { text: string }) {
  return (
    <div className="banner" role="alert">
      {text}
    </div>
  );
}

export function App() {
  const [sandbox, setSandbox] = useState<Sandbox>();
  const [failure, setFailure] = useState<string>();
  const [page, setPage] = useState(pageOf);
  const [signer, setSigner] = useState<Signer>();
  const [block, setBlock] = useState<Session["block"]>();
  const [bump, setBump] = useState(0);
  const [walletChain, setWalletChain] = useState<number>();
  const wallets = useInjectedWallets();

  useEffect(() => {
    const onHash = () => setPage(pageOf());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => {
    loadSandbox().then(
      (s) => {
        setSandbox(s);
        const alice = s.book.actors.find((a) => a.name === "alice") ?? s.book.actors[0];
        setSigner({ kind: "actor", ...alice });
      },
      (error: unknown) => setFailure(String((error as Error).message ?? error)),
    );
  }, []);

  // The chain's head: polled, and re-read at once after each write.
  useEffect(() => {
    if (sandbox === undefined) return;
    let stopped = false;
    let last: bigint | undefined;
    const tick = async () => {
      try {
        const latest = await sandbox.client.getBlock({ blockTag: "latest" });
        if (stopped) return;
        setFailure(undefined);
        if (latest.number !== last) {
          last = latest.number;
          setBlock({ number: latest.number, timestamp: latest.timestamp });
        }
      } catch {
        if (!stopped) {
          setFailure(
            `no node at ${sandbox.book.nodeUrl} — start it with ${sandbox.book.startHint}`,
          );
        }
      }
    };
    void tick();
    const timer = setInterval(tick, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [sandbox, bump]);

  const refresh = useCallback(() => setBump((b) => b + 1), []);

  const chooseSigner = async (value: string) => {
    if (sandbox === undefined) return;
    const actor = sandbox.book.actors.find((a) => a.name === value);
    if (actor !== undefined) {
      setSigner({ kind: "actor", ...actor });
      setWalletChain(undefined);
      return;
    }
    const wallet = wallets.find((w) => w.info.uuid === value);
    if (wallet === undefined) return;
    const [account] = (await wallet.provider.request({
      method: "eth_requestAccounts",
    })) as string[];
    const chainId = Number(await wallet.provider.request({ method: "eth_chainId" }));
    setWalletChain(chainId);
    setSigner({
      kind: "wallet",
      name: wallet.info.name,
      address: getAddress(account),
      provider: wallet.provider,
    });
  };

  const wrongChain =
    sandbox !== undefined && walletChain !== undefined && walletChain !== sandbox.book.chainId
      ? `your wallet is on chain ${walletChain}; switch it to chain ${sandbox.book.chainId} (${sandbox.book.nodeUrl})`
      : undefined;
  const banner = failure ?? wrongChain;
  const current = PAGES.find((p) => p.hash === page) ?? PAGES[0];

  return (
    <div className="layout">
      <header>
        <h1>DeFi sandbox</h1>
        <nav>
          {PAGES.map((p) => (
            <a key={p.hash} href={`#/${p.hash}`} className={p === current ? "active" : ""}>
              {p.title}
            </a>
          ))}
        </nav>
        {sandbox !== undefined && signer !== undefined && (
          <label className="signer">
            acting as{" "}
            <select
              aria-label="actor"
              value={signer.kind === "actor" ? signer.name : ""}
              onChange={(e) => void chooseSigner(e.target.value)}
            >
              {sandbox.book.actors.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.name}
                </option>
              ))}
              {signer.kind === "wallet" && <option value="">{signer.name}</option>}
              {wallets.map((w) => (
                <option key={w.info.uuid} value={w.info.uuid}>
                  wallet: {w.info.name}
                </option>
              ))}
            </select>
            <span className="muted">
              {" "}
              {signer.address} {wallets.length === 0 && "· no injected wallet found"}
            </span>
          </label>
        )}
      </header>
      {banner !== undefined && <Banner text={banner} />}
      {sandbox !== undefined && signer !== undefined && block !== undefined && (
        <SessionContext.Provider value={{ sandbox, signer, block, refresh }}>
          <main data-page={current.hash}>
            <h2>{current.title}</h2>
            <Suspense fallback={<p>loading…</p>}>{current.render()}</Suspense>
          </main>
        </SessionContext.Provider>
      )}
    </div>
  );
}
