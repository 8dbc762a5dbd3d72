// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMerkleDistributor} from "../../../contracts/core/airdrop/IMerkleDistributor.sol";
import {MerkleDistributor} from "../../../contracts/core/airdrop/MerkleDistributor.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

/// @notice A four-leaf airdrop built here by hand (leaves hashed twice, pairs hashed sorted, as
/// OpenZeppelin's StandardMerkleTree and MerkleProof do), with the proof of each leaf.
contract FourLeafAirdrop {
    address[4] public accounts = [
        address(0xA11CE),
        address(0xB0B),
        address(0xCA401),
        address(0xDA7E)
    ];
    uint256[4] public amounts = [100e18, 250e18, 50e18, 400e18];
    uint256 public constant TOTAL = 800e18;
    bytes32 public root;
    bytes32[4] internal _leaves;
    bytes32 internal _left;
    bytes32 internal _right;

    constructor() {
        for (uint256 i = 0; i < 4; i++) _leaves[i] = leaf(i, accounts[i], amounts[i]);
        _left = hashPair(_leaves[0], _leaves[1]);
        _right = hashPair(_leaves[2], _leaves[3]);
        root = hashPair(_left, _right);
    }

    function leaf(uint256 index, address account, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(index, account, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) public pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function proof(uint256 index) external view returns (bytes32[] memory p) {
        p = new bytes32[](2);
        p[0] = _leaves[index ^ 1];
        p[1] = index < 2 ? _right : _left;
    }
}

/// @notice Claims leaves of the four-leaf airdrop at random, valid or not, for the invariant fuzzer.
contract MerkleDistributorHandler is Test {
    MerkleDistributor public immutable distributor;
    FourLeafAirdrop public immutable airdrop;
    uint256 public claimedSum;

    constructor(MerkleDistributor distributor_, FourLeafAirdrop airdrop_) {
        distributor = distributor_;
        airdrop = airdrop_;
    }

    function claim(uint256 index) external {
        index = bound(index, 0, 3);
        address account = airdrop.accounts(index);
        uint256 amount = airdrop.amounts(index);
        bytes32[] memory proof = airdrop.proof(index);
        if (distributor.isClaimed(index)) {
            vm.expectRevert(
                abi.encodeWithSelector(IMerkleDistributor.AirdropAlreadyClaimed.selector, index)
            );
            distributor.claim(index, account, amount, proof);
            return;
        }
        distributor.claim(index, account, amount, proof);
        claimedSum += amount;
    }

    function claimWrongAmount(uint256 index, uint256 amount) external {
        index = bound(index, 0, 3);
        if (distributor.isClaimed(index)) return;
        address account = airdrop.accounts(index);
        if (amount == airdrop.amounts(index)) amount += 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMerkleDistributor.AirdropInvalidProof.selector,
                index,
                account,
                amount
            )
        );
        distributor.claim(index, account, amount, airdrop.proof(index));
    }
}

contract MerkleDistributorTest is Test {
    uint256 internal constant CLAIM_PERIOD = 30 days;
    address internal constant TREASURY = address(0x7EA5);

    MockERC20 internal token;
    FourLeafAirdrop internal airdrop;
    MerkleDistributor internal distributor;
    MerkleDistributorHandler internal handler;

    function setUp() public {
        token = new MockERC20("Drop", "DROP", 18);
        airdrop = new FourLeafAirdrop();
        distributor = new MerkleDistributor(token, airdrop.root(), CLAIM_PERIOD, TREASURY);
        token.faucet(address(distributor), airdrop.TOTAL());
        handler = new MerkleDistributorHandler(distributor, airdrop);
        targetContract(address(handler));
    }

    function invariant_totalClaimedNeverExceedsFunding() public view {
        assertLe(distributor.totalClaimed(), airdrop.TOTAL(), "claimed > funded");
        assertEq(
            token.balanceOf(address(distributor)) + distributor.totalClaimed(),
            airdrop.TOTAL(),
            "balance + claimed != funded"
        );
        assertEq(distributor.totalClaimed(), handler.claimedSum(), "claimed != sum of leaves paid");
    }

    function testFuzz_claimPaysEachLeafExactlyItsAmount(uint256 index) public {
        index = bound(index, 0, 3);
        address account = airdrop.accounts(index);
        distributor.claim(index, account, airdrop.amounts(index), airdrop.proof(index));
        assertEq(token.balanceOf(account), airdrop.amounts(index), "paid");
        assertTrue(distributor.isClaimed(index), "marked");
        for (uint256 other = 0; other < 4; other++) {
            if (other != index) assertTrue(!distributor.isClaimed(other), "other marked");
        }
    }

    function testFuzz_claimRefusesAnyOtherAccount(uint256 index, address account) public {
        index = bound(index, 0, 3);
        vm.assume(account != airdrop.accounts(index));
        uint256 amount = airdrop.amounts(index);
        bytes32[] memory proof = airdrop.proof(index);
        vm.expectRevert(
            abi.encodeWithSelector(
                IMerkleDistributor.AirdropInvalidProof.selector,
                index,
                account,
                amount
            )
        );
        distributor.claim(index, account, amount, proof);
    }

    function testFuzz_sweepOnlyAfterTheDeadline(uint256 elapsed) public {
        uint256 deadline = distributor.claimDeadline();
        elapsed = bound(elapsed, 0, 2 * CLAIM_PERIOD);
        vm.warp(block.timestamp + elapsed);
        if (block.timestamp <= deadline) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IMerkleDistributor.AirdropSweepTooEarly.selector,
                    deadline,
                    block.timestamp
                )
            );
            distributor.sweep();
            return;
        }
        distributor.sweep();
        assertEq(token.balanceOf(TREASURY), airdrop.TOTAL(), "treasury got the rest");
    }
}
