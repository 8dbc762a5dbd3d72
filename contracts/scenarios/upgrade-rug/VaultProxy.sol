// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @title VaultProxy
/// @notice OpenZeppelin's ERC1967Proxy, unchanged: holds the vault's storage and tokens and
/// delegates every call to the logic contract in the ERC-1967 implementation slot.
contract VaultProxy is ERC1967Proxy {
    constructor(address logic, bytes memory data) payable ERC1967Proxy(logic, data) {}
}
