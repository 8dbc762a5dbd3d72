import type { NetworkHooks } from "hardhat/types/hooks";
import type { JsonRpcRequest, JsonRpcResponse } from "hardhat/types/providers";

import { signingModeOf } from "../../lib/chain/network.js";
import {
  METHOD_NOT_SUPPORTED,
  devNodeFeature,
  mergeInputAndData,
  padGasEstimate,
} from "../../lib/pure/json-rpc.js";

function errorResponse(request: JsonRpcRequest, code: number, message: string): JsonRpcResponse {
  return { jsonrpc: "2.0", id: request.id, error: { code, message } };
}

/**
 * Two request rules, applied to every connection:
 * - On a simulated chain (the in-process chain, and the node `hardhat node` and the sandbox's node
 *   task serve, whose JSON-RPC server sends every request through its connection's hooks), a call
 *   object with the same bytes in `input` and `data` — as Foundry's cast and some other clients send
 *   it — is passed on with `data` alone, which the simulated chain otherwise refuses as a duplicate
 *   field. Different bytes get the standard invalid-params error.
 * - On a network that signs with configured keys, state-changing dev-node methods (time travel,
 *   impersonation, automine changes, balance edits…) are refused before they leave this process:
 *   such a network is treated as a shared chain, whatever node serves it. Its gas estimates get a
 *   margin (padGasEstimate): Ignition sends each transaction with its estimate as the limit.
 */
export default async (): Promise<Partial<NetworkHooks>> => ({
  async onRequest(context, connection, request, next) {
    const mode = signingModeOf(connection.networkConfig);
    if (mode === "in-process") {
      const merged = mergeInputAndData(request.method, request.params);
      if (merged.kind === "conflict") return errorResponse(request, merged.code, merged.message);
      if (merged.kind === "merged") {
        return next(context, connection, { ...request, params: merged.params });
      }
    } else if (mode === "keyed") {
      if (request.method === "eth_estimateGas") {
        const response = await next(context, connection, request);
        return "result" in response && typeof response.result === "string"
          ? { ...response, result: padGasEstimate(response.result) }
          : response;
      }
      const feature = devNodeFeature(request.method);
      if (feature !== undefined) {
        return errorResponse(
          request,
          METHOD_NOT_SUPPORTED,
          `${request.method} (${feature}) is refused on ${connection.networkName}: it signs with ` +
            "configured keys, as a shared chain does — play this on a local dev node (npm run chain)",
        );
      }
    }
    return next(context, connection, request);
  },
});
