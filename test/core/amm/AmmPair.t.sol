// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AmmFactory} from "../../../contracts/core/amm/AmmFactory.sol";
import {AmmPair} from "../../../contracts/core/amm/AmmPair.sol";
import {IUniswapV2Pair} from "../../../contracts/core/amm/interfaces/IUniswapV2Pair.sol";
import {MockERC20} from "../../../contracts/core/tokens/MockERC20.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives one pair with random swaps, mints, burns and donations, as the invariant fuzzer's
/// only target, and keeps its own tally of LP minted and burned and of K across swaps.
contract AmmPairHandler is Test {
    AmmPair public immutable pair;
    MockERC20 public immutable token0;
    MockERC20 public immutable token1;

    uint256 public lpMinted;
    uint256 public lpBurned;
    uint256 public swaps;
    bool public kDecreased;

    constructor(AmmPair pair_, MockERC20 token0_, MockERC20 token1_) {
        (pair, token0, token1) = (pair_, token0_, token1_);
    }

    function mint(uint256 amount0, uint256 amount1) external {
        amount0 = bound(amount0, 1, 1e30);
        amount1 = bound(amount1, 1, 1e30);
        token0.faucet(address(pair), amount0);
        token1.faucet(address(pair), amount1);
        lpMinted += pair.mint(address(this));
    }

    function burn(uint256 share) external {
        uint256 held = pair.balanceOf(address(this));
        if (held == 0) return;
        uint256 liquidity = bound(share, 1, held);
        lpBurned += liquidity; // a failed burn reverts this call, tally included
        pair.transfer(address(pair), liquidity);
        pair.burn(address(this));
    }

    function swap(bool zeroForOne, uint256 amountIn) external {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        if (reserve0 == 0) return;
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        amountIn = bound(amountIn, 1, reserveIn * 4);
        uint256 out = (amountIn * 997 * reserveOut) / (reserveIn * 1000 + amountIn * 997);
        if (out == 0) return;
        uint256 kBefore = uint256(reserve0) * reserve1;
        if (zeroForOne) {
            token0.faucet(address(pair), amountIn);
            pair.swap(0, out, address(this), "");
        } else {
            token1.faucet(address(pair), amountIn);
            pair.swap(out, 0, address(this), "");
        }
        (reserve0, reserve1, ) = pair.getReserves();
        if (uint256(reserve0) * reserve1 < kBefore) kDecreased = true;
        swaps++;
    }

    function donate(uint256 amount0, uint256 amount1, uint8 then) external {
        amount0 = bound(amount0, 0, 1e24);
        amount1 = bound(amount1, 0, 1e24);
        if (amount0 > 0) token0.faucet(address(pair), amount0);
        if (amount1 > 0) token1.faucet(address(pair), amount1);
        if (then % 3 == 1) pair.sync();
        if (then % 3 == 2) pair.skim(address(this));
    }
}

contract AmmPairTest is Test {
    AmmFactory internal factory;
    AmmPair internal pair;
    MockERC20 internal token0;
    MockERC20 internal token1;
    AmmPairHandler internal handler;

    function setUp() public {
        factory = new AmmFactory(address(this));
        MockERC20 a = new MockERC20("Token A", "TKA", 18);
        MockERC20 b = new MockERC20("Token B", "TKB", 18);
        (token0, token1) = address(a) < address(b) ? (a, b) : (b, a);
        pair = AmmPair(factory.createPair(address(a), address(b)));
        handler = new AmmPairHandler(pair, token0, token1);
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------- invariants

    function invariant_reservesNeverExceedBalances() public view {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        assertLe(reserve0, token0.balanceOf(address(pair)), "reserve0 > balance0");
        assertLe(reserve1, token1.balanceOf(address(pair)), "reserve1 > balance1");
    }

    function invariant_syncSetsReservesToBalances() public {
        pair.sync();
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        assertEq(reserve0, token0.balanceOf(address(pair)), "reserve0 != balance0 after sync");
        assertEq(reserve1, token1.balanceOf(address(pair)), "reserve1 != balance1 after sync");
    }

    function invariant_kNeverDecreasesAcrossSwaps() public view {
        assertTrue(!handler.kDecreased(), "reserve0 * reserve1 decreased across a swap");
    }

    function invariant_supplyIsMintedLessBurnedPlusLockedMinimum() public view {
        uint256 locked = pair.totalSupply() == 0 ? 0 : pair.MINIMUM_LIQUIDITY();
        assertEq(
            pair.totalSupply(),
            handler.lpMinted() - handler.lpBurned() + locked,
            "LP supply != minted - burned + locked"
        );
        assertEq(pair.balanceOf(pair.LOCKED_LIQUIDITY_HOLDER()), locked, "locked minimum moved");
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_swapPaysTheClosedFormOutputAndNotOneWeiMore(
        uint256 reserve0,
        uint256 reserve1,
        uint256 amountIn
    ) public {
        reserve0 = bound(reserve0, 1e4, 2 ** 100);
        reserve1 = bound(reserve1, 1e4, 2 ** 100);
        amountIn = bound(amountIn, 1, 2 ** 100);
        uint256 expected = (amountIn * 997 * reserve1) / (reserve0 * 1000 + amountIn * 997);
        vm.assume(expected > 0 && expected + 1 < reserve1);

        token0.faucet(address(pair), reserve0);
        token1.faucet(address(pair), reserve1);
        pair.mint(address(this));
        token0.faucet(address(pair), amountIn);

        uint256 tooMuch = expected + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IUniswapV2Pair.AmmK.selector,
                ((reserve0 + amountIn) * 1000 - amountIn * 3) * ((reserve1 - tooMuch) * 1000),
                reserve0 * reserve1 * 1e6
            )
        );
        pair.swap(0, tooMuch, address(this), "");

        pair.swap(0, expected, address(this), "");
        assertEq(token1.balanceOf(address(this)), expected, "output paid");
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        assertEq(r0, reserve0 + amountIn, "reserve0 after swap");
        assertEq(r1, reserve1 - expected, "reserve1 after swap");
    }
}
