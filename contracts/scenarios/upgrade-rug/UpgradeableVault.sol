// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// @title UpgradeableVault
/// @notice Deposits of one token behind an ERC-1967 proxy, upgradeable the UUPS way by one
/// `upgrader` address. Deposits are paid back on request.
/// @dev Invariant (for this logic): totalDeposits == sum of balanceOf <= the proxy's balance of the
/// asset. A new logic contract is not bound by it: it runs with the proxy's storage and tokens.
contract UpgradeableVault is Initializable, UUPSUpgradeable {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- errors

    error VaultZeroAmount();
    error VaultZeroAddress();
    error VaultInsufficientBalance(address account, uint256 balance, uint256 requested);
    error VaultUnauthorizedUpgrader(address caller, address upgrader);

    // ---------------------------------------------------------------- events

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    // ---------------------------------------------------------------- storage

    IERC20 public asset;
    /// @notice The only address that may replace the logic.
    address public upgrader;
    mapping(address account => uint256) public balanceOf;
    uint256 public totalDeposits;

    // ---------------------------------------------------------------- constructor

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    // ---------------------------------------------------------------- external

    /// @notice Sets the asset and the upgrader; once, through the proxy.
    function initialize(IERC20 asset_, address upgrader_) external initializer {
        if (address(asset_) == address(0) || upgrader_ == address(0)) revert VaultZeroAddress();
        asset = asset_;
        upgrader = upgrader_;
    }

    /// @notice Moves `amount` of the caller's tokens into the vault.
    function deposit(uint256 amount) external {
        if (amount == 0) revert VaultZeroAmount();
        balanceOf[msg.sender] += amount;
        totalDeposits += amount;
        asset.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(msg.sender, amount);
    }

    /// @notice Pays `amount` of the caller's deposit back.
    function withdraw(uint256 amount) external {
        if (amount == 0) revert VaultZeroAmount();
        uint256 balance = balanceOf[msg.sender];
        if (amount > balance) revert VaultInsufficientBalance(msg.sender, balance, amount);
        // Cannot underflow: amount <= balance <= totalDeposits.
        unchecked {
            balanceOf[msg.sender] = balance - amount;
            totalDeposits -= amount;
        }
        asset.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    // ---------------------------------------------------------------- internal

    /// @custom:vulnerability The upgrader swaps the logic, and may call it, in one transaction: when the upgrader is a plain key, depositors get no warning.
    function _authorizeUpgrade(address) internal view override {
        if (msg.sender != upgrader) revert VaultUnauthorizedUpgrader(msg.sender, upgrader);
    }
}
