// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {KinkedRateModel} from "../../../contracts/core/lending/KinkedRateModel.sol";
import {Test} from "../../utils/Test.sol";

contract KinkedRateModelTest is Test {
    KinkedRateModel internal model;

    function setUp() public {
        model = new KinkedRateModel(0.02e18, 0.1e18, 1e18, 0.8e18);
    }

    /// @notice More borrowing out of the same supply never lowers the borrow rate, and suppliers never
    /// earn more per second than borrowers pay.
    function testFuzz_rateGrowsWithUtilizationAndSupplyRateStaysBelow(
        uint256 supplied,
        uint256 borrowsA,
        uint256 borrowsB,
        uint256 reserveFactorBps
    ) public view {
        supplied = bound(supplied, 1, 1e36);
        borrowsA = bound(borrowsA, 0, supplied);
        borrowsB = bound(borrowsB, borrowsA, supplied);
        reserveFactorBps = bound(reserveFactorBps, 0, 10_000);
        uint256 rateA = model.borrowRatePerSecond(supplied - borrowsA, borrowsA, 0);
        uint256 rateB = model.borrowRatePerSecond(supplied - borrowsB, borrowsB, 0);
        assertLe(rateA, rateB, "borrow rate fell as utilization rose");
        assertLe(model.utilization(supplied - borrowsB, borrowsB, 0), 1e18, "utilization above 1");
        uint256 supplyRate = model.supplyRatePerSecond(
            supplied - borrowsB,
            borrowsB,
            0,
            reserveFactorBps
        );
        assertLe(supplyRate, rateB, "supply rate above borrow rate");
    }
}
