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

    /// @notice Whatever five reporters submit within the bound of the window's reference, each
    /// published price lies within the bound of that reference, and the final one between the
    /// smallest and largest of the five fresh submissions.
    function testFuzz_publishedPriceIsBetweenSubmissionsAndWithinTheBound(
        uint256[5] memory moves
    ) public {
        vm.warp(block.timestamp + 2 hours);
        uint256 low = type(uint256).max;
        uint256 high = 0;
        for (uint256 i = 0; i < 5; ++i) {
            (uint256 reference_, ) = oracle.referencePrice(ASSET);
            uint256 allowed = (reference_ * MAX_DEVIATION_BPS) / 10_000;
            uint256 price = bound(moves[i], reference_ - allowed, reference_ + allowed);
            if (price < low) low = price;
            if (price > high) high = price;
            vm.prank(reporters[i]);
            oracle.submit(ASSET, price);
            (uint256 published, ) = oracle.getPrice(ASSET);
            assertApproxEqAbs(published, reference_, allowed, "a price left the window's bound");
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

/// @notice Three reporters, quorum three, as in the sandbox. Two are honest and report a true price
/// that wanders within ±4% of $2,000 (always inside the ±10% bound of any reference they set); the
/// third is compromised and submits whatever the bound lets through, whenever the fuzzer likes,
/// as often as it likes. The handler checks every publication against the honest reporters' fresh
/// submissions at that moment.
contract OneCompromisedReporterHandler is Test {
    uint256 public constant START = 2_000e18;
    uint256 public constant WINDOW = 1 hours;
    uint256 public constant MAX_DEVIATION_BPS = 1_000;

    ReporterOracle public immutable oracle;
    address public constant ASSET = address(0xA55E7);
    address[2] public honest = [address(0x4011), address(0x4012)];
    address public constant COMPROMISED = address(0xBAD);

    uint256 public publications;
    uint256 public outsideHonestRange;

    constructor() {
        address[] memory all = new address[](3);
        (all[0], all[1], all[2]) = (honest[0], honest[1], COMPROMISED);
        oracle = new ReporterOracle(address(this), all, 3, MAX_DEVIATION_BPS, WINDOW);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(all[i]);
            oracle.submit(ASSET, START);
        }
    }

    function reportHonestly(uint256 who, uint256 price) external {
        price = bound(price, (START * 96) / 100, (START * 104) / 100);
        _submit(honest[who % 2], price);
    }

    function reportFalsely(uint256 price, uint256 times) external {
        (uint256 reference_, ) = oracle.referencePrice(ASSET);
        uint256 allowed = (reference_ * MAX_DEVIATION_BPS) / 10_000;
        times = bound(times, 1, 10);
        for (uint256 i = 0; i < times; ++i) {
            _submit(COMPROMISED, bound(price + i, reference_ - allowed, reference_ + allowed));
        }
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 * WINDOW));
    }

    function _submit(address reporter, uint256 price) internal {
        (, uint256 before) = oracle.getPrice(ASSET);
        vm.prank(reporter);
        oracle.submit(ASSET, price);
        (uint256 published, uint256 updatedAt) = oracle.getPrice(ASSET);
        if (updatedAt == before && updatedAt != block.timestamp) return;
        ++publications;
        (uint256 a, uint256 aAt) = oracle.submissions(ASSET, honest[0]);
        (uint256 b, uint256 bAt) = oracle.submissions(ASSET, honest[1]);
        // A quorum of three publishes only with both honest submissions fresh.
        bool fresh = aAt + WINDOW >= block.timestamp && bAt + WINDOW >= block.timestamp;
        uint256 low = a < b ? a : b;
        uint256 high = a < b ? b : a;
        if (!fresh || published < low || published > high) ++outsideHonestRange;
    }
}

contract OneCompromisedReporterInvariantTest is Test {
    OneCompromisedReporterHandler internal handler;

    function setUp() public {
        handler = new OneCompromisedReporterHandler();
        targetContract(address(handler));
    }

    function invariant_oneCompromisedReporterNeverLeavesTheHonestRange() public view {
        assertEq(handler.outsideHonestRange(), 0, "a publication outside the honest reports");
    }
}

/// @notice Five reporters, quorum three, all five in the attacker's hands: it submits any price the
/// bound lets through, as often as it likes, and waits as it likes. The handler records every change
/// of reference and every publication.
contract CollusionHandler is Test {
    uint256 public constant START = 2_000e18;
    uint256 public constant WINDOW = 1 hours;
    uint256 public constant MAX_DEVIATION_BPS = 1_000;

    ReporterOracle public immutable oracle;
    address public constant ASSET = address(0xA55E7);
    address[] internal _reporters;

    uint256 public lastReference = START;
    uint256 public lastReferenceSince;
    uint256 public referenceChanges;
    uint256 public referenceChangedTooSoon;
    uint256 public outsideBound;

    constructor() {
        for (uint256 i = 0; i < 5; ++i) _reporters.push(address(uint160(0x5000 + i)));
        oracle = new ReporterOracle(address(this), _reporters, 3, MAX_DEVIATION_BPS, WINDOW);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(_reporters[i]);
            oracle.submit(ASSET, START);
        }
        (, lastReferenceSince) = oracle.referencePrice(ASSET);
    }

    function report(uint256 who, uint256 price, uint256 times) external {
        (uint256 reference_, ) = oracle.referencePrice(ASSET);
        uint256 allowed = (reference_ * MAX_DEVIATION_BPS) / 10_000;
        times = bound(times, 1, 10);
        for (uint256 i = 0; i < times; ++i) {
            address reporter = _reporters[(who + i) % 5];
            vm.prank(reporter);
            oracle.submit(ASSET, bound(price + i, reference_ - allowed, reference_ + allowed));
            (uint256 published, ) = oracle.getPrice(ASSET);
            (uint256 nowReference, uint256 since) = oracle.referencePrice(ASSET);
            uint256 distance =
                published > nowReference ? published - nowReference : nowReference - published;
            if (distance * 10_000 > nowReference * MAX_DEVIATION_BPS) ++outsideBound;
            if (since != lastReferenceSince && nowReference != lastReference) {
                if (since < lastReferenceSince + WINDOW) ++referenceChangedTooSoon;
                ++referenceChanges;
            }
            (lastReference, lastReferenceSince) = (nowReference, since);
        }
    }

    function wait(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 2 * WINDOW));
    }
}

contract CollusionInvariantTest is Test {
    CollusionHandler internal handler;

    function setUp() public {
        handler = new CollusionHandler();
        targetContract(address(handler));
    }

    function invariant_everyPriceStaysWithinTheBoundOfItsWindowsReference() public view {
        assertEq(handler.outsideBound(), 0, "a price beyond the bound of its reference");
    }

    function invariant_theReferenceMovesAtMostOnceAWindow() public view {
        assertEq(handler.referenceChangedTooSoon(), 0, "two reference changes within a window");
    }
}
