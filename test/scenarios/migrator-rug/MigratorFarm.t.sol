// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {IFarmMigrator} from "../../../contracts/scenarios/migrator-rug/IFarmMigrator.sol";
import {MigratorFarm} from "../../../contracts/scenarios/migrator-rug/MigratorFarm.sol";
import {RugMigrator} from "../../../contracts/scenarios/migrator-rug/RugMigrator.sol";
import {Test} from "../../utils/Test.sol";

/// @notice A migrator that takes the tokens and hands back `shortBy` fewer replacement tokens.
contract ShortMigrator is IFarmMigrator {
    uint256 public immutable shortBy;

    constructor(uint256 shortBy_) {
        shortBy = shortBy_;
    }

    function migrate(IERC20 token) external returns (IERC20) {
        uint256 amount = token.balanceOf(msg.sender);
        token.transferFrom(msg.sender, address(this), amount);
        MockERC20 replacement = new MockERC20("Short", "SHT", 18);
        replacement.faucet(msg.sender, amount - shortBy);
        return IERC20(address(replacement));
    }
}

contract MigratorFarmTest is Test {
    address internal constant OWNER = address(0x0111E5);
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);

    MockERC20 internal stake;
    MigratorFarm internal farm;

    function setUp() public {
        RewardToken reward = new RewardToken(address(this), 1e27);
        farm = new MigratorFarm(reward, 1e18, 0, 30 days, 0, 1, OWNER);
        reward.grantRole(reward.MINTER_ROLE(), address(farm));
        stake = new MockERC20("Stake", "STK", 18);
        vm.prank(OWNER);
        farm.add(100, IERC20(address(stake)));
    }

    function _stake(address user, uint256 amount) internal {
        stake.faucet(user, amount);
        vm.startPrank(user);
        stake.approve(address(farm), amount);
        farm.deposit(0, amount, user);
        vm.stopPrank();
    }

    function testFuzz_theRugMigratorTakesExactlyEveryStake(uint256 a, uint256 b) public {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        _stake(ALICE, a);
        _stake(BOB, b);
        RugMigrator migrator = new RugMigrator(address(farm), OWNER);
        vm.startPrank(OWNER);
        farm.setMigrator(migrator);
        farm.migrate(0);
        vm.stopPrank();
        assertEq(stake.balanceOf(OWNER), a + b, "owner's take");
        assertEq(stake.balanceOf(address(farm)), 0, "farm's stake tokens");
        (IERC20 token, , , , uint256 totalStaked) = farm.poolInfo(0);
        assertEq(token.balanceOf(address(farm)), a + b, "replacement held");
        assertEq(totalStaked, a + b, "stakes unchanged");
    }

    function testFuzz_aShortReplacementRevertsAndChangesNothing(
        uint256 amount,
        uint256 shortBy
    ) public {
        // The replacement must mint at least one unit (MockERC20's faucet refuses zero).
        amount = bound(amount, 2, 1e30);
        shortBy = bound(shortBy, 1, amount - 1);
        _stake(ALICE, amount);
        ShortMigrator migrator = new ShortMigrator(shortBy);
        vm.prank(OWNER);
        farm.setMigrator(migrator);
        vm.expectRevert(
            abi.encodeWithSelector(
                MigratorFarm.MigratorFarmBadMigration.selector,
                0,
                amount,
                amount - shortBy
            )
        );
        farm.migrate(0);
        (IERC20 token, , , , ) = farm.poolInfo(0);
        assertEq(address(token), address(stake), "pool token");
        assertEq(stake.balanceOf(address(farm)), amount, "farm's stake tokens");
    }
}
