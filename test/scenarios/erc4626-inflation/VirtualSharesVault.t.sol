// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {NaiveVault} from "../../../contracts/scenarios/erc4626-inflation/NaiveVault.sol";
import {VirtualSharesVault} from "../../../contracts/scenarios/erc4626-inflation/VirtualSharesVault.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives VirtualSharesVault with deposits, redemptions and donations by three users.
contract VirtualSharesVaultHandler is Test {
    VirtualSharesVault public immutable vault;
    MockERC20 public immutable token;
    address[3] public users = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    constructor(VirtualSharesVault vault_, MockERC20 token_) {
        vault = vault_;
        token = token_;
    }

    function deposit(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        amount = bound(amount, 1, 1_000_000e18);
        token.faucet(user, amount);
        vm.startPrank(user);
        token.approve(address(vault), amount);
        vault.deposit(amount, user);
        vm.stopPrank();
    }

    function redeem(uint256 userSeed, uint256 shares) external {
        address user = users[userSeed % users.length];
        uint256 held = vault.balanceOf(user);
        if (held == 0) return;
        shares = bound(shares, 1, held);
        vm.prank(user);
        vault.redeem(shares, user, user);
    }

    function donate(uint256 amount) external {
        amount = bound(amount, 1, 1_000_000e18);
        token.faucet(address(vault), amount);
    }

    function redeemableByAll() external view returns (uint256 total) {
        for (uint256 i = 0; i < users.length; i++) {
            total += vault.previewRedeem(vault.balanceOf(users[i]));
        }
    }
}

contract VirtualSharesVaultTest is Test {
    MockERC20 internal token;
    VirtualSharesVault internal vault;
    VirtualSharesVaultHandler internal handler;
    address internal constant ATTACKER = address(0xBAD);
    address internal constant VICTIM = address(0xA11CE);

    function setUp() public {
        token = new MockERC20("Dai Stablecoin", "DAI", 18);
        vault = new VirtualSharesVault(token, "DAI Vault", "vDAI");
        handler = new VirtualSharesVaultHandler(vault, token);
        targetContract(address(handler));
    }

    function invariant_assetsCoverEveryHoldersRedemption() public view {
        assertGe(vault.totalAssets(), handler.redeemableByAll(), "assets below redemptions");
    }

    /// First depositor puts in 1 wei and donates; the victim deposits; both redeem.
    /// Returns what the attacker got back and what the victim got back.
    function _inflate(
        address target,
        uint256 donation,
        uint256 deposit
    ) internal returns (uint256 attackerOut, uint256 victimOut) {
        NaiveVault v = NaiveVault(target);
        token.faucet(ATTACKER, donation + 1);
        token.faucet(VICTIM, deposit);
        vm.startPrank(ATTACKER);
        token.approve(target, 1);
        v.deposit(1, ATTACKER);
        token.transfer(target, donation);
        vm.stopPrank();
        vm.startPrank(VICTIM);
        token.approve(target, deposit);
        v.deposit(deposit, VICTIM);
        uint256 victimShares = v.balanceOf(VICTIM);
        if (victimShares > 0) victimOut = v.redeem(victimShares, VICTIM, VICTIM);
        vm.stopPrank();
        uint256 attackerShares = v.balanceOf(ATTACKER);
        vm.prank(ATTACKER);
        attackerOut = v.redeem(attackerShares, ATTACKER, ATTACKER);
    }

    function testFuzz_inflationAttackNeverPays(uint256 donation, uint256 deposit) public {
        donation = bound(donation, 1, 1e30);
        deposit = bound(deposit, 1, 1e30);
        (uint256 attackerOut, ) = _inflate(address(vault), donation, deposit);
        assertLe(attackerOut, donation + 1, "attacker got back more than it put in");
    }

    function testFuzz_naiveVaultHandsTheVictimsDepositToTheAttacker(
        uint256 donation,
        uint256 deposit
    ) public {
        NaiveVault naive = new NaiveVault(token, "Naive DAI Vault", "nvDAI");
        deposit = bound(deposit, 1, 1e30);
        // A donation of at least the victim's deposit rounds the victim's shares to zero.
        donation = bound(donation, deposit, 1e30);
        (uint256 attackerOut, uint256 victimOut) = _inflate(address(naive), donation, deposit);
        assertEq(victimOut, 0, "victim got something back");
        assertEq(attackerOut, donation + 1 + deposit, "attacker's take");
    }
}
