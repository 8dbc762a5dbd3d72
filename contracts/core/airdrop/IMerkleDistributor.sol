// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMerkleDistributor
/// @notice A one-off token airdrop: each (index, account, amount) of a published Merkle tree can be
/// claimed once before a deadline; what is left afterwards goes back to the treasury.
interface IMerkleDistributor {
    error AirdropZeroAddress();
    error AirdropZeroClaimPeriod();
    error AirdropAlreadyClaimed(uint256 index);
    error AirdropInvalidProof(uint256 index, address account, uint256 amount);
    error AirdropClaimExpired(uint256 deadline, uint256 timestamp);
    error AirdropSweepTooEarly(uint256 deadline, uint256 timestamp);
    error AirdropNothingToSweep();

    event Claimed(uint256 indexed index, address indexed account, uint256 amount);
    event Swept(address indexed treasury, uint256 amount);

    /// @notice Sends `amount` tokens to `account` if (index, account, amount) is a leaf of the tree
    /// that `proof` proves, the leaf was not claimed and the deadline has not passed. Anyone may
    /// submit the claim: the tokens always go to `account`.
    function claim(
        uint256 index,
        address account,
        uint256 amount,
        bytes32[] calldata proof
    ) external;

    /// @notice After the deadline, sends every unclaimed token to the treasury. Anyone may call it.
    function sweep() external;

    /// @notice Whether the leaf at `index` was claimed.
    function isClaimed(uint256 index) external view returns (bool);
}
