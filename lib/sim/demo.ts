/**
 * The attacks the demo plays, one per kind. Each names the scenario meant for it and a scenario
 * already in lib/scenarios that stands in for it until that one is there: the demo plays the first
 * of the two it finds.
 */
export const DEMO_SCENARIOS = [
  { kind: "a rug", name: "migrator-rug", standIn: "reentrancy" },
  {
    kind: "a flash-loan manipulation",
    name: "lending-oracle-manipulation",
    standIn: "flash-loan-side-entrance",
  },
  { kind: "a stolen key", name: "stolen-admin-key", standIn: "flash-loan-truster" },
] as const;
