// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EtherVault} from "../../../contracts/scenarios/reentrancy/EtherVault.sol";
import {IEtherVault} from "../../../contracts/scenarios/reentrancy/IEtherVault.sol";
import {NaiveEtherVault} from "../../../contracts/scenarios/reentrancy/NaiveEtherVault.sol";
import {ReentrancyAttacker} from "../../../contracts/scenarios/reentrancy/ReentrancyAttacker.sol";
import {Test} from "../../utils/Test.sol";
import {EtherDepositsHandler} from "../shared/DepositorsHandler.sol";

/// @notice Drives EtherVault with random deposits, withdrawals and re-entrant attacks, and keeps
/// its own tally of what the vault owes.
contract EtherVaultHandler is EtherDepositsHandler {
    EtherVault public immutable vault;
    ReentrancyAttacker public immutable attacker;

    constructor(EtherVault vault_) EtherDepositsHandler(address(vault_)) {
        vault = vault_;
        attacker = new ReentrancyAttacker(IEtherVault(address(vault_)), address(this));
    }

    function attack(uint256 stake) external {
        stake = bound(stake, 1, 100 ether);
        vm.deal(address(this), stake);
        vm.expectRevert();
        attacker.attack{value: stake}();
    }
}

contract EtherVaultTest is Test {
    EtherVault internal vault;
    EtherVaultHandler internal handler;

    function setUp() public {
        vault = new EtherVault();
        handler = new EtherVaultHandler(vault);
        targetContract(address(handler));
    }

    function invariant_holdsExactlyWhatItOwes() public view {
        assertEq(address(vault).balance, handler.owed(), "vault balance != owed");
        assertEq(handler.sumOfBalances(), handler.owed(), "sum of balances != owed");
    }

    function invariant_attackerNeverKeepsAnything() public view {
        assertEq(address(handler.attacker()).balance, 0, "attacker holds ETH");
        assertEq(vault.balanceOf(address(handler.attacker())), 0, "attacker has a deposit");
    }

    function testFuzz_reentrantWithdrawalRevertsAndChangesNothing(
        uint256 deposits,
        uint256 stake
    ) public {
        deposits = bound(deposits, 1, 10_000 ether);
        stake = bound(stake, 1, deposits);
        vm.deal(address(0xA11CE), deposits);
        vm.prank(address(0xA11CE));
        vault.deposit{value: deposits}();

        ReentrancyAttacker attacker = new ReentrancyAttacker(
            IEtherVault(address(vault)),
            address(this)
        );
        vm.deal(address(this), stake);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEtherVault.EtherVaultPayoutFailed.selector,
                address(attacker),
                stake
            )
        );
        attacker.attack{value: stake}();
        assertEq(address(vault).balance, deposits, "vault balance");
    }

    /// The same attack against the naive vault leaves it less than one stake.
    function testFuzz_naiveVaultIsDrainedToBelowOneStake(uint256 deposits, uint256 stake) public {
        NaiveEtherVault naive = new NaiveEtherVault();
        deposits = bound(deposits, 1 ether, 1_000 ether);
        // At least 1/20 of the deposits, so the re-entry stays within the call-depth limit.
        stake = bound(stake, deposits / 20, deposits);
        vm.deal(address(0xA11CE), deposits);
        vm.prank(address(0xA11CE));
        naive.deposit{value: deposits}();

        ReentrancyAttacker attacker = new ReentrancyAttacker(
            IEtherVault(address(naive)),
            address(this)
        );
        uint256 before = address(this).balance;
        attacker.attack{value: stake}();
        assertTrue(address(naive).balance < stake, "naive vault kept a stake or more");
        // Every stake-sized chunk of the deposits went to the attacker.
        assertEq(address(this).balance - before, (deposits / stake) * stake, "attacker's gain");
    }

    receive() external payable {}
}
