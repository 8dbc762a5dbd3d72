// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

/// @notice What the scenarios' pool invariant handlers share: three depositors picked by a seed,
/// random deposits and withdrawals of what each holds, and the handler's own tally of what the pool
/// owes them, to hold the pool's books against. A handler names the pool's calls in the hooks.
abstract contract DepositorsHandler is Test {
    address[3] public users = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    /// @notice What the pool owes the users by this handler's count: deposits less withdrawals.
    uint256 public owed;

    function deposit(uint256 userSeed, uint256 amount) external {
        address user = _user(userSeed);
        amount = bound(amount, 1, _maxDeposit());
        _deposit(user, amount);
        owed += amount;
    }

    function withdraw(uint256 userSeed, uint256 amount) external {
        address user = _user(userSeed);
        uint256 balance = _depositOf(user);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        if (!_canPay(amount)) return;
        _withdraw(user, amount);
        owed -= amount;
    }

    /// @notice The users' deposits as the pool records them.
    function sumOfBalances() external view returns (uint256 total) {
        for (uint256 i = 0; i < users.length; i++) total += _depositOf(users[i]);
    }

    function _user(uint256 seed) internal view returns (address) {
        return users[seed % users.length];
    }

    /// @dev Mints `amount` of `token` to `user` and lets `spender` take it.
    function _fundAndApprove(
        MockERC20 token,
        address user,
        address spender,
        uint256 amount
    ) internal {
        token.faucet(user, amount);
        vm.prank(user);
        token.approve(spender, amount);
    }

    /// @dev The largest single deposit the fuzzer tries.
    function _maxDeposit() internal pure virtual returns (uint256);

    /// @dev Funds `user` with `amount` and deposits it into the pool as `user`.
    function _deposit(address user, uint256 amount) internal virtual;

    /// @dev Withdraws `amount` from the pool as `user`.
    function _withdraw(address user, uint256 amount) internal virtual;

    /// @dev What the pool records as `user`'s deposit.
    function _depositOf(address user) internal view virtual returns (uint256);

    /// @dev Whether the pool can pay `amount` out now (false skips the withdrawal).
    function _canPay(uint256) internal view virtual returns (bool) {
        return true;
    }
}

/// @notice The calls an ether pool takes: deposit with value, withdraw an amount, read a balance.
interface IEtherDeposits {
    function deposit() external payable;

    function withdraw(uint256 amount) external;

    function balanceOf(address account) external view returns (uint256);
}

/// @notice A DepositorsHandler for ether pools (the flash pools, the vaults).
abstract contract EtherDepositsHandler is DepositorsHandler {
    IEtherDeposits private immutable etherPool;

    constructor(address pool_) {
        etherPool = IEtherDeposits(pool_);
    }

    receive() external payable {}

    function _maxDeposit() internal pure override returns (uint256) {
        return 1_000 ether;
    }

    function _deposit(address user, uint256 amount) internal override {
        vm.deal(user, amount);
        vm.prank(user);
        etherPool.deposit{value: amount}();
    }

    function _withdraw(address user, uint256 amount) internal override {
        vm.prank(user);
        etherPool.withdraw(amount);
    }

    function _depositOf(address user) internal view override returns (uint256) {
        return etherPool.balanceOf(user);
    }
}

/// @notice The calls a token pool takes: deposit an approved amount, withdraw it, read a balance.
interface ITokenDeposits {
    function deposit(uint256 amount) external;

    function withdraw(uint256 amount) external;

    function balanceOf(address account) external view returns (uint256);
}

/// @notice A DepositorsHandler for token pools that take `deposit(amount)` (the flash pool, the sweep
/// pools, the upgradeable vault).
abstract contract TokenDepositsHandler is DepositorsHandler {
    MockERC20 public immutable token;
    ITokenDeposits private immutable tokenPool;

    constructor(address pool_, MockERC20 token_) {
        tokenPool = ITokenDeposits(pool_);
        token = token_;
    }

    function _maxDeposit() internal pure virtual override returns (uint256) {
        return 1e30;
    }

    function _deposit(address user, uint256 amount) internal override {
        _fundAndApprove(token, user, address(tokenPool), amount);
        vm.prank(user);
        tokenPool.deposit(amount);
    }

    function _withdraw(address user, uint256 amount) internal override {
        vm.prank(user);
        tokenPool.withdraw(amount);
    }

    function _depositOf(address user) internal view override returns (uint256) {
        return tokenPool.balanceOf(user);
    }
}
