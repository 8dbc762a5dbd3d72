/** OpenZeppelin Governor's `ProposalState`, in the enum's order. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** The name of the state a governor's `state(proposalId)` returned. */
export function proposalStateName(state: bigint): ProposalStateName {
  const name = PROPOSAL_STATES[Number(state)];
  if (name === undefined) throw new RangeError(`no proposal state ${state}`);
  return name;
}
