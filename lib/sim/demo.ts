/** The attacks the demo plays, one per kind, by their scenario names in lib/scenarios. */
export const DEMO_SCENARIOS = [
  { kind: "a rug", name: "migrator-rug" },
  { kind: "a flash-loan manipulation", name: "lending-oracle-manipulation" },
  { kind: "a stolen key", name: "stolen-admin-key" },
] as const;
