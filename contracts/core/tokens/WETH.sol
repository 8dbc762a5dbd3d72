// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title WETH
/// @notice Wrapped ether with WETH9's interface: `deposit` (or a plain transfer of ETH) mints 1:1,
/// `withdraw` burns and sends the ETH back. Adds EIP-2612 permit.
/// @dev Invariant: address(this).balance >= totalSupply() (equal unless ETH is force-sent, e.g. by
/// selfdestruct or as a block reward; such ETH is not redeemable).
contract WETH is ERC20, ERC20Permit {
    error WethZeroAmount();

    event Deposit(address indexed dst, uint256 wad);
    event Withdrawal(address indexed src, uint256 wad);

    constructor() ERC20("Wrapped Ether", "WETH") ERC20Permit("Wrapped Ether") {}

    receive() external payable {
        deposit();
    }

    /// @notice Wraps msg.value ETH into as much WETH, credited to the caller.
    function deposit() public payable {
        if (msg.value == 0) revert WethZeroAmount();
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice Burns `wad` WETH of the caller and sends as much ETH back.
    /// @dev Burn before the transfer (checks-effects-interactions): a reentrant receiver sees the
    /// reduced balance. Reverts with ERC20InsufficientBalance when the caller holds less.
    function withdraw(uint256 wad) external {
        if (wad == 0) revert WethZeroAmount();
        _burn(msg.sender, wad);
        emit Withdrawal(msg.sender, wad);
        Address.sendValue(payable(msg.sender), wad);
    }
}
