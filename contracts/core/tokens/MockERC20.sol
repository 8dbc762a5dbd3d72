// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockERC20
/// @notice A stand-in for a real asset (USDC, DAI, …) of the sandbox, with any name, symbol and decimals.
/// @dev TEST ASSET ONLY: `faucet` lets anyone mint any amount to anyone, on every chain. Never deploy
/// this where the token is meant to have value, and never list it in a market whose other assets
/// have value: anyone could mint it as collateral and borrow everything else.
contract MockERC20 is ERC20, ERC20Permit {
    error MockERC20FaucetZeroAmount();

    event FaucetUsed(address indexed caller, address indexed to, uint256 amount);

    uint8 private immutable _decimals;

    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        _decimals = decimals_;
    }

    /// @notice Mints `amount` to `to`, for anyone: the test-only faucet.
    function faucet(address to, uint256 amount) external {
        if (amount == 0) revert MockERC20FaucetZeroAmount();
        _mint(to, amount);
        emit FaucetUsed(msg.sender, to, amount);
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
