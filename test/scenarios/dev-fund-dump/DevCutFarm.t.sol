// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {DevCutFarm} from "../../../contracts/scenarios/dev-fund-dump/DevCutFarm.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Calls mintDevCutDown at random times.
contract DevCutFarmHandler is Test {
    DevCutFarm public immutable farm;

    constructor(DevCutFarm farm_) {
        farm = farm_;
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 40 days));
    }

    function mintDevCut() external {
        farm.mintDevCutDown();
    }
}

contract DevCutFarmTest is Test {
    uint256 internal constant RATE = 1e17;
    uint256 internal constant DURATION = 365 days;
    address internal constant DEV = address(0xDE7);

    RewardToken internal reward;
    DevCutFarm internal farm;
    DevCutFarmHandler internal handler;
    uint256 internal start;

    function setUp() public {
        reward = new RewardToken(address(this), 1e27);
        start = block.timestamp;
        farm = new DevCutFarm(reward, RATE, start, DURATION, 0, 1, address(this), DEV);
        reward.grantRole(reward.MINTER_ROLE(), address(farm));
        handler = new DevCutFarmHandler(farm);
        targetContract(address(handler));
    }

    /// @dev Each mint floors once, so the cut falls short of a tenth by under one wei per mint; the
    /// schedule's emission is a multiple of RATE, so each flooring loses nothing here.
    function invariant_theCutIsATenthOfTheEmission() public view {
        uint256 until = farm.devCutUntil();
        uint256 end = start + DURATION;
        uint256 emitted = RATE * ((until < end ? until : end) - start);
        assertEq(farm.devCutMinted(), emitted / 10, "cut != emission / 10");
        assertEq(reward.balanceOf(DEV), farm.devCutMinted(), "dev balance != cut minted");
    }

    function testFuzz_oneLateMintEqualsManySmallOnes(uint256 t1, uint256 t2) public {
        t1 = bound(t1, 1, DURATION);
        t2 = bound(t2, t1, DURATION + 30 days);
        vm.warp(start + t1);
        farm.mintDevCutDown();
        vm.warp(start + t2);
        farm.mintDevCutDown();
        uint256 elapsed = t2 < DURATION ? t2 : DURATION;
        assertEq(reward.balanceOf(DEV), (RATE * elapsed) / 10, "two mints");
    }
}
