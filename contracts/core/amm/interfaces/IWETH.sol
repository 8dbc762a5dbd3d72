// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The part of WETH9 the router uses.
interface IWETH {
    function deposit() external payable;
    function transfer(address to, uint256 value) external returns (bool);
    function withdraw(uint256 wad) external;
}
