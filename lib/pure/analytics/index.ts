export * from "./decimal.js";
export * from "./returns.js";
export * from "./impermanent-loss.js";
export * from "./fees.js";
export * from "./pnl.js";
export * from "./breakeven.js";
