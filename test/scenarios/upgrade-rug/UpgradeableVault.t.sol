// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {UpgradeableVault} from "../../../contracts/scenarios/upgrade-rug/UpgradeableVault.sol";
import {VaultProxy} from "../../../contracts/scenarios/upgrade-rug/VaultProxy.sol";
import {Test} from "../../utils/Test.sol";
import {TokenDepositsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives the vault through its proxy with deposits, withdrawals and upgrade attempts by
/// strangers.
contract UpgradeableVaultHandler is TokenDepositsHandler {
    UpgradeableVault public immutable vault;

    constructor(
        UpgradeableVault vault_,
        MockERC20 token_
    ) TokenDepositsHandler(address(vault_), token_) {
        vault = vault_;
    }

    function strangerUpgrades(uint256 userSeed) external {
        address user = _user(userSeed);
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
        assertEq(vault.totalDeposits(), handler.owed(), "totalDeposits != owed");
    }
}
