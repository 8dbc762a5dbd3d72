// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AmmFactory} from "../../../contracts/core/amm/AmmFactory.sol";
import {AmmPair} from "../../../contracts/core/amm/AmmPair.sol";
import {IUniswapV2Pair} from "../../../contracts/core/amm/interfaces/IUniswapV2Pair.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {BonusToken} from "../../../contracts/scenarios/reward-minter-manipulation/BonusToken.sol";
import {SpotPerformanceFeeMinter} from "../../../contracts/scenarios/reward-minter-manipulation/SpotPerformanceFeeMinter.sol";
import {Test} from "../../utils/Test.sol";

contract SpotPerformanceFeeMinterTest is Test {
    MockERC20 internal yld;
    MockERC20 internal usdc;
    AmmPair internal pair;
    BonusToken internal bonus;
    SpotPerformanceFeeMinter internal minter;

    function setUp() public {
        yld = new MockERC20("Yield Token", "YLD", 18);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        AmmFactory factory = new AmmFactory(address(this));
        pair = AmmPair(factory.createPair(address(yld), address(usdc)));
        bonus = new BonusToken(address(this), address(this), 0);
        minter = new SpotPerformanceFeeMinter(
            yld,
            usdc,
            bonus,
            address(0x7EA5),
            IUniswapV2Pair(address(pair))
        );
        bonus.transferOwnership(address(minter));
    }

    /// The bonus is half the fee's value at the pool's reserves, whatever they are: the minter has
    /// no defence of its own against reserves someone skewed.
    function testFuzz_mintsHalfTheFeeValueAtAnyReserves(
        uint256 reserveYld,
        uint256 reserveUsdc,
        uint256 fee
    ) public {
        reserveYld = bound(reserveYld, 1e18, 1e30);
        reserveUsdc = bound(reserveUsdc, 1e6, 1e18);
        fee = bound(fee, 1, 1e24);
        yld.faucet(address(pair), reserveYld);
        usdc.faucet(address(pair), reserveUsdc);
        pair.mint(address(this));
        yld.faucet(address(this), fee);
        yld.approve(address(minter), fee);
        uint256 minted = minter.mintFor(fee, address(this));
        uint256 value = (fee * reserveUsdc) / reserveYld;
        assertEq(minted, (value * 1e18 * 5_000) / (1e6 * 10_000), "bonus");
        assertEq(bonus.balanceOf(address(this)), minted, "minted to the payer");
        assertEq(yld.balanceOf(address(0x7EA5)), fee, "fee to the treasury");
    }
}
