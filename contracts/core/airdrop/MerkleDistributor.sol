// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IMerkleDistributor} from "./IMerkleDistributor.sol";

/// @title MerkleDistributor
/// @notice Airdrops `token` to the leaves of a Merkle tree whose root is fixed at deployment.
/// @dev Leaves are built as OpenZeppelin's StandardMerkleTree builds them for the types
/// (uint256 index, address account, uint256 amount): keccak256(bytes.concat(keccak256(abi.encode(
/// index, account, amount)))). Hashing twice keeps a 64-byte inner node from passing as a leaf.
/// Invariant: totalClaimed never exceeds what the distributor was funded with, because each index
/// is paid at most once and each payment is a plain transfer of tokens it holds.
contract MerkleDistributor is IMerkleDistributor {
    using SafeERC20 for IERC20;

    /// @notice The token handed out.
    IERC20 public immutable token;
    /// @notice Root of the tree of (index, account, amount) leaves.
    bytes32 public immutable merkleRoot;
    /// @notice Last timestamp at which a claim is accepted; sweeping is allowed after it.
    uint256 public immutable claimDeadline;
    /// @notice Receives what is left after the deadline.
    address public immutable treasury;

    /// @notice Sum of the amounts claimed so far.
    uint256 public totalClaimed;
    // One bit per leaf index: 256 claims share a storage slot.
    mapping(uint256 wordIndex => uint256 bits) private _claimedBitMap;

    /// @param token_ The token to distribute; the distributor must be funded with the tree's total.
    /// @param merkleRoot_ Root of the StandardMerkleTree of (uint256, address, uint256) leaves.
    /// @param claimPeriod Seconds from deployment during which claims are accepted.
    /// @param treasury_ Receives the unclaimed rest after the deadline.
    constructor(IERC20 token_, bytes32 merkleRoot_, uint256 claimPeriod, address treasury_) {
        if (address(token_) == address(0) || treasury_ == address(0)) revert AirdropZeroAddress();
        if (claimPeriod == 0) revert AirdropZeroClaimPeriod();
        token = token_;
        merkleRoot = merkleRoot_;
        claimDeadline = block.timestamp + claimPeriod;
        treasury = treasury_;
    }

    // ---------------------------------------------------------------- external

    /// @inheritdoc IMerkleDistributor
    function claim(
        uint256 index,
        address account,
        uint256 amount,
        bytes32[] calldata proof
    ) external {
        if (block.timestamp > claimDeadline) {
            revert AirdropClaimExpired(claimDeadline, block.timestamp);
        }
        if (isClaimed(index)) revert AirdropAlreadyClaimed(index);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
        if (!MerkleProof.verifyCalldata(proof, merkleRoot, leaf)) {
            revert AirdropInvalidProof(index, account, amount);
        }

        _claimedBitMap[index >> 8] |= 1 << (index & 0xff);
        totalClaimed += amount;
        emit Claimed(index, account, amount);
        token.safeTransfer(account, amount);
    }

    /// @inheritdoc IMerkleDistributor
    function sweep() external {
        if (block.timestamp <= claimDeadline) {
            revert AirdropSweepTooEarly(claimDeadline, block.timestamp);
        }
        uint256 rest = token.balanceOf(address(this));
        if (rest == 0) revert AirdropNothingToSweep();
        emit Swept(treasury, rest);
        token.safeTransfer(treasury, rest);
    }

    /// @inheritdoc IMerkleDistributor
    function isClaimed(uint256 index) public view returns (bool) {
        return (_claimedBitMap[index >> 8] >> (index & 0xff)) & 1 == 1;
    }
}
