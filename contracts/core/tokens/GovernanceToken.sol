// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title GovernanceToken
/// @notice Voting power as a reward: balances count as votes once delegated (to oneself or another),
/// checkpointed per block so that a vote can be counted at a past block. There is no initial supply:
/// every token is minted by a MINTER_ROLE holder (in the sandbox, the airdrop's funding at deployment
/// and then the governance farm), so nobody holds votes the distribution does not show.
/// @dev Votes are checkpointed by block number (ERC-6372 clock "mode=blocknumber&from=default"), which
/// is what makes flash-loaned balances worthless in a Governor that snapshots before voting starts.
/// Tokens held by a contract that never delegates (a vesting wallet, the distributor, the timelock)
/// count in the total supply, and so towards the quorum's base, but cast no vote.
contract GovernanceToken is ERC20, ERC20Permit, ERC20Votes, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin Receives DEFAULT_ADMIN_ROLE (decides who mints; in the sandbox, the timelock).
    constructor(
        address admin
    ) ERC20("Sandbox Governance", "SGOV") ERC20Permit("Sandbox Governance") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Mints `amount` to `to`; only MINTER_ROLE (a farm paying votes as rewards).
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
