// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReporterOracle} from "../../../contracts/core/oracles/ReporterOracle.sol";
import {Test} from "../../utils/Test.sol";

contract ReporterOracleTest is Test {
    address internal constant ASSET = address(0xA55E7);
    uint256 internal constant START = 2_000e18;
    uint256 internal constant MAX_DEVIATION_BPS = 1_000;

    ReporterOracle internal oracle;
    address[] internal reporters;

    function setUp() public {
        for (uint256 i = 1; i <= 5; ++i) reporters.push(address(uint160(0x1000 + i)));
        oracle = new ReporterOracle(address(this), reporters, 3, MAX_DEVIATION_BPS, 1 hours);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(reporters[i]);
            oracle.submit(ASSET, START);
        }
    }

    /// @notice Whatever five reporters submit within the bound of the price published at the time, each
    /// published price lies within the bound of the one before it, and the final one between the
    /// smallest and largest of the five fresh submissions.
    function testFuzz_publishedPriceIsBetweenSubmissionsAndWithinTheBound(
        uint256[5] memory moves
    ) public {
        vm.warp(block.timestamp + 2 hours);
        uint256 low = type(uint256).max;
        uint256 high = 0;
        for (uint256 i = 0; i < 5; ++i) {
            (uint256 before, ) = oracle.getPrice(ASSET);
            uint256 allowed = (before * MAX_DEVIATION_BPS) / 10_000;
            uint256 price = bound(moves[i], before - allowed, before + allowed);
            if (price < low) low = price;
            if (price > high) high = price;
            vm.prank(reporters[i]);
            oracle.submit(ASSET, price);
            (uint256 published, ) = oracle.getPrice(ASSET);
            assertApproxEqAbs(published, before, allowed, "one update moved too far");
        }
        (uint256 last, ) = oracle.getPrice(ASSET);
        assertGe(last, low, "median below the lowest submission");
        assertLe(last, high, "median above the highest submission");
    }

    function testFuzz_submissionBeyondTheBoundReverts(uint256 price) public {
        price = bound(price, (START * 11_000) / 10_000 + 1, START * 100);
        vm.expectRevert(
            abi.encodeWithSelector(
                ReporterOracle.OracleDeviationTooLarge.selector,
                ASSET,
                price,
                START,
                MAX_DEVIATION_BPS
            )
        );
        vm.prank(reporters[0]);
        oracle.submit(ASSET, price);
    }
}
