// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BonusToken
/// @notice The reward a performance-fee minter mints: an ERC-20 whose owner (the minter) may mint.
contract BonusToken is ERC20, Ownable {
    /// @param owner_ The only account allowed to mint (the minter, once deployed).
    /// @param holder Receives the initial supply (the liquidity of the token's pool).
    constructor(
        address owner_,
        address holder,
        uint256 initialSupply
    ) ERC20("Bonus Token", "BNS") Ownable(owner_) {
        _mint(holder, initialSupply);
    }

    /// @notice Mints `amount` to `to`; only the owner.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
