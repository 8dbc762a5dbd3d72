// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

/// @notice Base for the project's Solidity tests: the cheatcode handle, assertions that report both
/// sides, `bound` for fuzz inputs, and the invariant runner's target selection.
/// @dev Hardhat's runner treats a revert in a `test*`/`invariant*` function as a failure, so every
/// assertion reverts with the values it compared.
abstract contract Test {
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(string message);
    error AssertionFailedUint(string message, uint256 left, uint256 right);
    error AssertionFailedAddress(string message, address left, address right);

    address[] private _targetContracts;

    /// @notice Read by the invariant fuzzer: only these contracts are called.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    // ---------------------------------------------------------------- assertions

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) revert AssertionFailedUint(message, left, right);
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) revert AssertionFailedAddress(message, left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) revert AssertionFailedUint(message, left, right);
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right) revert AssertionFailedUint(message, left, right);
    }

    /// @notice |left - right| <= maxDelta.
    function assertApproxEqAbs(
        uint256 left,
        uint256 right,
        uint256 maxDelta,
        string memory message
    ) internal pure {
        uint256 delta = left > right ? left - right : right - left;
        if (delta > maxDelta) revert AssertionFailedUint(message, left, right);
    }

    // ---------------------------------------------------------------- fuzz helpers

    /// @notice Maps any `x` into [min, max] without discarding inputs (modulo, so the whole range is hit).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert AssertionFailedUint("bound: min > max", min, max);
        if (min == 0 && max == type(uint256).max) return x;
        return min + (x % (max - min + 1));
    }
}
