// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @notice The LP token of a Uniswap V2 pair: ERC-20 with EIP-2612 permit (`permit`, `nonces`,
/// `DOMAIN_SEPARATOR` come from IERC20Permit with V2's signatures).
interface IUniswapV2ERC20 is IERC20Metadata, IERC20Permit {
    function PERMIT_TYPEHASH() external pure returns (bytes32);
}
