// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";

import {RewardToken} from "../../../contracts/core/tokens/RewardToken.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives RewardToken with random mints and burns, as the invariant fuzzer's only target, and
/// keeps its own tally of what it minted and burned.
contract RewardTokenHandler is Test {
    RewardToken public immutable token;
    address[3] internal holders = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    uint256 public minted;
    uint256 public burned;

    constructor(RewardToken token_) {
        token = token_;
    }

    function mint(uint256 holderSeed, uint256 amount) external {
        address to = holders[holderSeed % holders.length];
        // Asks for up to twice the room left: past the cap the mint must revert and change nothing.
        uint256 room = token.cap() - token.totalSupply();
        amount = bound(amount, 1, room * 2 + 1);
        if (amount > room) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ERC20Capped.ERC20ExceededCap.selector,
                    token.totalSupply() + amount,
                    token.cap()
                )
            );
            token.mint(to, amount);
            return;
        }
        token.mint(to, amount);
        minted += amount;
    }

    function burn(uint256 holderSeed, uint256 amount) external {
        address from = holders[holderSeed % holders.length];
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(from);
        token.burn(amount);
        burned += amount;
    }
}

contract RewardTokenTest is Test {
    uint256 internal constant CAP = 1_000_000e18;

    RewardToken internal token;
    RewardTokenHandler internal handler;

    function setUp() public {
        token = new RewardToken(address(this), CAP);
        handler = new RewardTokenHandler(token);
        token.grantRole(token.MINTER_ROLE(), address(handler));
        targetContract(address(handler));
    }

    function invariant_supplyNeverExceedsCap() public view {
        assertLe(token.totalSupply(), CAP, "supply above cap");
    }

    function invariant_supplyEqualsMintedLessBurned() public view {
        assertEq(
            token.totalSupply(),
            handler.minted() - handler.burned(),
            "supply != minted - burned"
        );
    }

    function testFuzz_mintUpToCapSucceedsAndOneMoreReverts(uint256 first, address to) public {
        vm.assume(to != address(0));
        token.grantRole(token.MINTER_ROLE(), address(this));
        first = bound(first, 1, CAP);
        token.mint(to, first);
        assertEq(token.balanceOf(to), first, "balance after first mint");

        uint256 rest = CAP - first;
        if (rest > 0) token.mint(to, rest);
        assertEq(token.totalSupply(), CAP, "supply at cap");

        vm.expectRevert(
            abi.encodeWithSelector(ERC20Capped.ERC20ExceededCap.selector, CAP + 1, CAP)
        );
        token.mint(to, 1);
    }

    function testFuzz_nonMinterCannotMint(address caller, uint256 amount) public {
        vm.assume(caller != address(handler));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                caller,
                token.MINTER_ROLE()
            )
        );
        vm.prank(caller);
        token.mint(caller, amount);
    }
}
