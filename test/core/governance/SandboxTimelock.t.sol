// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {Farm} from "../../../contracts/core/farming/Farm.sol";
import {SandboxTimelock} from "../../../contracts/core/governance/SandboxTimelock.sol";
import {GovernanceToken} from "../../../contracts/core/tokens/GovernanceToken.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives a governance farm (a Farm minting the governance token to LP stakers) with random
/// deposits, withdrawals, harvests and time jumps, and tallies what its three stakers harvested.
/// Each staker delegates to itself, so every harvested token should count as a vote at once.
contract GovernanceFarmHandler is Test {
    uint256 public constant ACTORS = 3;

    Farm public immutable farm;
    GovernanceToken public immutable token;
    MockERC20 public immutable lp;
    address[ACTORS] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public harvested;

    constructor(Farm farm_, GovernanceToken token_, MockERC20 lp_) {
        farm = farm_;
        token = token_;
        lp = lp_;
        for (uint256 i = 0; i < ACTORS; i++) {
            lp.faucet(actors[i], 1e30);
            vm.startPrank(actors[i]);
            lp.approve(address(farm), type(uint256).max);
            token.delegate(actors[i]);
            vm.stopPrank();
        }
    }

    function deposit(uint256 actorSeed, uint256 amount) external {
        address actor = actors[actorSeed % ACTORS];
        amount = bound(amount, 1, 1e24);
        vm.prank(actor);
        farm.deposit(0, amount, actor);
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address actor = actors[actorSeed % ACTORS];
        (uint128 stake, , ) = farm.userInfo(0, actor);
        if (stake == 0) return;
        amount = bound(amount, 1, stake);
        vm.prank(actor);
        farm.withdraw(0, amount, actor);
    }

    function harvest(uint256 actorSeed) external {
        address actor = actors[actorSeed % ACTORS];
        uint256 before = token.balanceOf(actor);
        vm.prank(actor);
        farm.harvest(0, actor);
        harvested += token.balanceOf(actor) - before;
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
    }

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }
}

/// @notice A farm owned by the timelock, as in the sandbox: only the timelock may change it, and only
/// after its delay; and a governance farm whose harvests are votes.
contract SandboxTimelockTest is Test {
    uint256 internal constant DELAY = 1 hours;
    uint256 internal constant SUPPLY = 10_000_000e18;
    uint256 internal constant RATE = 1e17;
    uint256 internal constant DURATION = 365 days;
    // TimelockController's OperationState.Ready, as the state bitmap its errors carry.
    bytes32 internal constant READY = bytes32(uint256(1) << 2);

    SandboxTimelock internal timelock;
    GovernanceToken internal token;
    MockERC20 internal lp;
    Farm internal farm;
    GovernanceFarmHandler internal handler;
    uint256 internal start;

    function setUp() public {
        token = new GovernanceToken(address(this));
        token.grantRole(token.MINTER_ROLE(), address(this));
        token.mint(address(this), SUPPLY);
        lp = new MockERC20("LP", "LP", 18);
        address[] memory proposers = new address[](1);
        proposers[0] = address(this);
        address[] memory executors = new address[](1);
        timelock = new SandboxTimelock(DELAY, proposers, executors, address(0));
        start = block.timestamp;
        farm = new Farm(RewardToken(address(token)), RATE, 0, DURATION, 0, 1, address(timelock));
        token.grantRole(token.MINTER_ROLE(), address(farm));
        _throughTimelock(abi.encodeCall(Farm.add, (100, lp)), "add the LP pool");
        handler = new GovernanceFarmHandler(farm, token, lp);
        targetContract(address(handler));
    }

    function testSetIsRefusedToAnyoneButTheTimelock(address caller, uint64 allocPoint) public {
        vm.assume(caller != address(timelock));
        vm.prank(caller);
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller)
        );
        farm.set(0, allocPoint);
        (, uint64 unchanged, , , ) = farm.poolInfo(0);
        assertEq(unchanged, 100, "the weight is unchanged");
    }

    function testTheTimelockSetsAWeightOnlyAfterItsDelay(uint256 early, uint64 allocPoint) public {
        allocPoint = uint64(bound(allocPoint, 1, type(uint64).max));
        early = bound(early, 0, DELAY - 1);
        bytes memory data = abi.encodeCall(Farm.set, (0, allocPoint));
        bytes32 salt = keccak256("set the weight");
        timelock.schedule(address(farm), 0, data, bytes32(0), salt, DELAY);
        bytes32 operation = timelock.hashOperation(address(farm), 0, data, bytes32(0), salt);

        vm.warp(block.timestamp + early);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operation,
                READY
            )
        );
        timelock.execute(address(farm), 0, data, bytes32(0), salt);

        vm.warp(block.timestamp + DELAY - early);
        timelock.execute(address(farm), 0, data, bytes32(0), salt);
        (, uint64 weight, , , ) = farm.poolInfo(0);
        assertEq(weight, allocPoint, "the weight the operation set");
        assertEq(farm.totalAllocPoint(), allocPoint, "the farm's total weight");
    }

    /// @dev Only the farm mints the governance token, so the supply beyond the initial one is exactly
    /// what the stakers harvested.
    function invariantSupplyGrowsOnlyByHarvests() public view {
        assertEq(token.totalSupply(), SUPPLY + handler.harvested(), "supply = initial + harvested");
    }

    /// @dev The farm never pays (harvested plus still pending) more than its schedule emitted.
    function invariantHarvestsStayWithinTheSchedule() public view {
        uint256 pending;
        for (uint256 i = 0; i < handler.actorCount(); i++) {
            pending += farm.pendingReward(0, handler.actors(i));
        }
        uint256 emitted = farm.rewardsBetween(start, block.timestamp);
        assertLe(handler.harvested() + pending, emitted, "harvested + pending <= emitted");
    }

    /// @dev Self-delegated stakers' harvests are votes at once: each one's votes equal its balance.
    function invariantHarvestsAreVotes() public view {
        for (uint256 i = 0; i < handler.actorCount(); i++) {
            address actor = handler.actors(i);
            assertEq(token.getVotes(actor), token.balanceOf(actor), "votes = harvested balance");
        }
    }

    function _throughTimelock(bytes memory data, string memory description) internal {
        bytes32 salt = keccak256(bytes(description));
        timelock.schedule(address(farm), 0, data, bytes32(0), salt, DELAY);
        vm.warp(block.timestamp + DELAY);
        timelock.execute(address(farm), 0, data, bytes32(0), salt);
    }
}
