// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {UpgradeableVault} from "../../../contracts/scenarios/upgrade-rug/UpgradeableVault.sol";
import {VaultProxy} from "../../../contracts/scenarios/upgrade-rug/VaultProxy.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives the vault through its proxy with deposits, withdrawals and upgrade attempts by
/// strangers.
contract UpgradeableVaultHandler is Test {
    UpgradeableVault public immutable vault;
    MockERC20 public immutable token;
    address[3] public users = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    constructor(UpgradeableVault vault_, MockERC20 token_) {
        vault = vault_;
        token = token_;
    }

    function deposit(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        amount = bound(amount, 1, 1e30);
        token.faucet(user, amount);
        vm.startPrank(user);
        token.approve(address(vault), amount);
        vault.deposit(amount);
        vm.stopPrank();
    }

    function withdraw(uint256 userSeed, uint256 amount) external {
        address user = users[userSeed % users.length];
        uint256 balance = vault.balanceOf(user);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(user);
        vault.withdraw(amount);
    }

    function strangerUpgrades(uint256 userSeed) external {
        address user = users[userSeed % users.length];
        vm.prank(user);
        vm.expectRevert(
            abi.encodeWithSelector(
                UpgradeableVault.VaultUnauthorizedUpgrader.selector,
                user,
                vault.upgrader()
            )
        );
        vault.upgradeToAndCall(address(0x1234), "");
    }

    function sumOfBalances() external view returns (uint256 total) {
        for (uint256 i = 0; i < users.length; i++) total += vault.balanceOf(users[i]);
    }
}

contract UpgradeableVaultTest is Test {
    MockERC20 internal token;
    UpgradeableVault internal vault;
    UpgradeableVaultHandler internal handler;

    function setUp() public {
        token = new MockERC20("Dai", "DAI", 18);
        UpgradeableVault logic = new UpgradeableVault();
        VaultProxy proxy = new VaultProxy(
            address(logic),
            abi.encodeCall(
                UpgradeableVault.initialize,
                (IERC20(address(token)), address(0x7173E10C))
            )
        );
        vault = UpgradeableVault(address(proxy));
        handler = new UpgradeableVaultHandler(vault, token);
        targetContract(address(handler));
    }

    function invariant_holdsExactlyTheDeposits() public view {
        assertEq(
            vault.totalDeposits(),
            handler.sumOfBalances(),
            "totalDeposits != sum of balances"
        );
        assertEq(
            token.balanceOf(address(vault)),
            vault.totalDeposits(),
            "balance != totalDeposits"
        );
    }
}
