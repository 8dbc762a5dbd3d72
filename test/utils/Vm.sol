// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The subset of the Foundry cheatcodes that Hardhat's Solidity test runner (EDR) provides and
/// that this project's tests use. Signatures match forge-std's `Vm` so the selectors are the same.
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    function addr(uint256 privateKey) external pure returns (address);
    function sign(
        uint256 privateKey,
        bytes32 digest
    ) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function deal(address account, uint256 newBalance) external;
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 newTimestamp) external;
    function roll(uint256 newHeight) external;
    function assume(bool condition) external pure;
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(
        bool checkTopic1,
        bool checkTopic2,
        bool checkTopic3,
        bool checkData
    ) external;
    function expectEmit() external;
    function label(address account, string calldata newLabel) external;
}
