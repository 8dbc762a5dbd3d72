// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only token that burns 1% of every transfer between two accounts, so the receiver gets
/// 99% (rounded up in its favour: the fee is value / 100, rounded down). Anyone may mint.
contract FeeOnTransferToken is ERC20 {
    uint256 public constant FEE_DIVISOR = 100;

    constructor() ERC20("Fee On Transfer", "FOT") {}

    function faucet(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = value / FEE_DIVISOR;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
