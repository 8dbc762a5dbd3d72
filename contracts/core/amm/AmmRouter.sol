// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {AmmFactory} from "./AmmFactory.sol";
import {IUniswapV2Pair} from "./interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Router02} from "./interfaces/IUniswapV2Router02.sol";
import {IWETH} from "./interfaces/IWETH.sol";
import {AmmLibrary} from "./libraries/AmmLibrary.sol";

/// @title AmmRouter
/// @notice Uniswap V2's Router02 over AmmFactory's pairs: add and remove liquidity (tokens or ETH,
/// optionally with an LP permit), exact-in and exact-out swaps over multi-hop paths, and the variants
/// for tokens that take a fee on transfer. Every call takes a deadline and the caller's slippage limits.
/// @dev The router holds nothing between transactions: tokens and ETH only pass through it while it
/// unwraps WETH or forwards a fee-on-transfer token. Pair addresses are computed (CREATE2), never
/// looked up.
contract AmmRouter is IUniswapV2Router02 {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- immutables

    address public immutable factory;
    // solhint-disable-next-line immutable-vars-naming
    address public immutable WETH;
    /// @notice The factory's pair init code hash, read once at construction.
    bytes32 public immutable pairInitCodeHash;

    // ---------------------------------------------------------------- modifiers and constructor

    modifier ensure(uint256 deadline) {
        if (deadline < block.timestamp) revert AmmExpired(deadline, block.timestamp);
        _;
    }

    constructor(address _factory, address _weth) {
        factory = _factory;
        WETH = _weth;
        pairInitCodeHash = AmmFactory(_factory).pairInitCodeHash();
    }

    /// @notice Accepts ETH only from WETH, when unwrapping.
    receive() external payable {
        if (msg.sender != WETH) revert AmmEthNotFromWeth(msg.sender);
    }

    // ---------------------------------------------------------------- add liquidity

    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pair;
        (amountA, amountB, pair) = _addLiquidity(
            tokenA,
            tokenB,
            amountADesired,
            amountBDesired,
            amountAMin,
            amountBMin
        );
        liquidity = _depositAndMint(tokenA, tokenB, amountA, amountB, pair, to);
    }

    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    )
        external
        payable
        ensure(deadline)
        returns (uint256 amountToken, uint256 amountETH, uint256 liquidity)
    {
        address pair;
        (amountToken, amountETH, pair) = _addLiquidity(
            token,
            WETH,
            amountTokenDesired,
            msg.value,
            amountTokenMin,
            amountETHMin
        );
        IERC20(token).safeTransferFrom(msg.sender, pair, amountToken);
        IWETH(WETH).deposit{value: amountETH}();
        IERC20(WETH).safeTransfer(pair, amountETH);
        liquidity = IUniswapV2Pair(pair).mint(to);
        if (msg.value > amountETH) _sendEth(msg.sender, msg.value - amountETH); // refund dust
    }

    // ---------------------------------------------------------------- remove liquidity

    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountA, uint256 amountB) {
        address pair = _pairFor(tokenA, tokenB);
        IERC20(pair).safeTransferFrom(msg.sender, pair, liquidity);
        (uint256 amount0, uint256 amount1) = IUniswapV2Pair(pair).burn(to);
        (amountA, amountB) = tokenA < tokenB ? (amount0, amount1) : (amount1, amount0);
        if (amountA < amountAMin) revert AmmInsufficientAAmount(amountA, amountAMin);
        if (amountB < amountBMin) revert AmmInsufficientBAmount(amountB, amountBMin);
    }

    function removeLiquidityETH(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountToken, uint256 amountETH) {
        (amountToken, amountETH) = removeLiquidity(
            token,
            WETH,
            liquidity,
            amountTokenMin,
            amountETHMin,
            address(this),
            deadline
        );
        IERC20(token).safeTransfer(to, amountToken);
        IWETH(WETH).withdraw(amountETH);
        _sendEth(to, amountETH);
    }

    function removeLiquidityWithPermit(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountA, uint256 amountB) {
        _permitLiquidity(tokenA, tokenB, liquidity, deadline, approveMax, v, r, s);
        (amountA, amountB) = removeLiquidity(
            tokenA,
            tokenB,
            liquidity,
            amountAMin,
            amountBMin,
            to,
            deadline
        );
    }

    function removeLiquidityETHWithPermit(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountToken, uint256 amountETH) {
        _permitLiquidity(token, WETH, liquidity, deadline, approveMax, v, r, s);
        (amountToken, amountETH) = removeLiquidityETH(
            token,
            liquidity,
            amountTokenMin,
            amountETHMin,
            to,
            deadline
        );
    }

    function removeLiquidityETHSupportingFeeOnTransferTokens(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountETH) {
        (, amountETH) = removeLiquidity(
            token,
            WETH,
            liquidity,
            amountTokenMin,
            amountETHMin,
            address(this),
            deadline
        );
        // Forward what actually arrived: the token may have taken its fee on the way in.
        IERC20(token).safeTransfer(to, IERC20(token).balanceOf(address(this)));
        IWETH(WETH).withdraw(amountETH);
        _sendEth(to, amountETH);
    }

    function removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountETH) {
        _permitLiquidity(token, WETH, liquidity, deadline, approveMax, v, r, s);
        amountETH = removeLiquidityETHSupportingFeeOnTransferTokens(
            token,
            liquidity,
            amountTokenMin,
            amountETHMin,
            to,
            deadline
        );
    }

    // ---------------------------------------------------------------- swaps

    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = AmmLibrary.getAmountsOut(factory, pairInitCodeHash, amountIn, path);
        _checkOutput(amounts[amounts.length - 1], amountOutMin);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, to);
    }

    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = AmmLibrary.getAmountsIn(factory, pairInitCodeHash, amountOut, path);
        if (amounts[0] > amountInMax) revert AmmExcessiveInputAmount(amounts[0], amountInMax);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, to);
    }

    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        _checkPathStart(path);
        amounts = AmmLibrary.getAmountsOut(factory, pairInitCodeHash, msg.value, path);
        _checkOutput(amounts[amounts.length - 1], amountOutMin);
        _wrapTo(_pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, to);
    }

    function swapTokensForExactETH(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        _checkPathEnd(path);
        amounts = AmmLibrary.getAmountsIn(factory, pairInitCodeHash, amountOut, path);
        if (amounts[0] > amountInMax) revert AmmExcessiveInputAmount(amounts[0], amountInMax);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, address(this));
        IWETH(WETH).withdraw(amountOut);
        _sendEth(to, amountOut);
    }

    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        _checkPathEnd(path);
        amounts = AmmLibrary.getAmountsOut(factory, pairInitCodeHash, amountIn, path);
        uint256 amountOut = amounts[amounts.length - 1];
        _checkOutput(amountOut, amountOutMin);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, address(this));
        IWETH(WETH).withdraw(amountOut);
        _sendEth(to, amountOut);
    }

    function swapETHForExactTokens(
        uint256 amountOut,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        _checkPathStart(path);
        amounts = AmmLibrary.getAmountsIn(factory, pairInitCodeHash, amountOut, path);
        if (amounts[0] > msg.value) revert AmmExcessiveInputAmount(amounts[0], msg.value);
        _wrapTo(_pairFor(path[0], path[1]), amounts[0]);
        _swap(amounts, path, to);
        if (msg.value > amounts[0]) _sendEth(msg.sender, msg.value - amounts[0]); // refund dust
    }

    function swapExactTokensForTokensSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) {
        if (path.length < 2) revert AmmInvalidPathLength(path.length);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amountIn);
        IERC20 tokenOut = IERC20(path[path.length - 1]);
        uint256 balanceBefore = tokenOut.balanceOf(to);
        _swapSupportingFeeOnTransferTokens(path, to);
        _checkOutput(tokenOut.balanceOf(to) - balanceBefore, amountOutMin);
    }

    function swapExactETHForTokensSupportingFeeOnTransferTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) {
        _checkPathStart(path);
        _wrapTo(_pairFor(path[0], path[1]), msg.value);
        IERC20 tokenOut = IERC20(path[path.length - 1]);
        uint256 balanceBefore = tokenOut.balanceOf(to);
        _swapSupportingFeeOnTransferTokens(path, to);
        _checkOutput(tokenOut.balanceOf(to) - balanceBefore, amountOutMin);
    }

    function swapExactTokensForETHSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) {
        _checkPathEnd(path);
        IERC20(path[0]).safeTransferFrom(msg.sender, _pairFor(path[0], path[1]), amountIn);
        _swapSupportingFeeOnTransferTokens(path, address(this));
        uint256 amountOut = IERC20(WETH).balanceOf(address(this));
        _checkOutput(amountOut, amountOutMin);
        IWETH(WETH).withdraw(amountOut);
        _sendEth(to, amountOut);
    }

    // ---------------------------------------------------------------- quotes

    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) external pure returns (uint256 amountB) {
        return AmmLibrary.quoteDown(amountA, reserveA, reserveB);
    }

    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountOut) {
        return AmmLibrary.getAmountOutDown(amountIn, reserveIn, reserveOut);
    }

    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountIn) {
        return AmmLibrary.getAmountInUp(amountOut, reserveIn, reserveOut);
    }

    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        return AmmLibrary.getAmountsOut(factory, pairInitCodeHash, amountIn, path);
    }

    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        return AmmLibrary.getAmountsIn(factory, pairInitCodeHash, amountOut, path);
    }

    // ---------------------------------------------------------------- internal

    /// @dev The amounts to deposit at the pool's price within the caller's limits; creates the pair
    /// when it does not exist yet (the first depositor sets the price).
    function _addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) private returns (uint256 amountA, uint256 amountB, address pair) {
        pair = _pairFor(tokenA, tokenB);
        if (pair.code.length == 0) AmmFactory(factory).createPair(tokenA, tokenB);
        (uint256 reserve0, uint256 reserve1, ) = IUniswapV2Pair(pair).getReserves();
        (uint256 reserveA, uint256 reserveB) = tokenA < tokenB
            ? (reserve0, reserve1)
            : (reserve1, reserve0);
        if (reserveA == 0 && reserveB == 0) {
            return (amountADesired, amountBDesired, pair);
        }
        uint256 amountBOptimal = AmmLibrary.quoteDown(amountADesired, reserveA, reserveB);
        if (amountBOptimal <= amountBDesired) {
            if (amountBOptimal < amountBMin)
                revert AmmInsufficientBAmount(amountBOptimal, amountBMin);
            return (amountADesired, amountBOptimal, pair);
        }
        // amountBOptimal > amountBDesired, so the A side at B's desired amount is below amountADesired.
        uint256 amountAOptimal = AmmLibrary.quoteDown(amountBDesired, reserveB, reserveA);
        if (amountAOptimal < amountAMin) revert AmmInsufficientAAmount(amountAOptimal, amountAMin);
        return (amountAOptimal, amountBDesired, pair);
    }

    /// @dev Runs the hops of `path`; the input of the first hop must already be in the first pair.
    /// Each pair pays straight into the next one.
    function _swap(uint256[] memory amounts, address[] calldata path, address _to) private {
        uint256 last = path.length - 1;
        address pair = _pairFor(path[0], path[1]);
        for (uint256 i; i < last; ++i) {
            (address input, address output) = (path[i], path[i + 1]);
            uint256 amountOut = amounts[i + 1];
            (uint256 amount0Out, uint256 amount1Out) = input < output
                ? (uint256(0), amountOut)
                : (amountOut, uint256(0));
            address to = i < last - 1 ? _pairFor(output, path[i + 2]) : _to;
            IUniswapV2Pair(pair).swap(amount0Out, amount1Out, to, "");
            pair = to;
        }
    }

    /// @dev Like _swap, but each hop's input is measured as the pair's balance above its reserve,
    /// so tokens that take a fee on transfer are priced on what arrived.
    function _swapSupportingFeeOnTransferTokens(address[] calldata path, address _to) private {
        uint256 last = path.length - 1;
        for (uint256 i; i < last; ++i) {
            (address input, address output) = (path[i], path[i + 1]);
            IUniswapV2Pair pair = IUniswapV2Pair(_pairFor(input, output));
            (uint256 amount0Out, uint256 amount1Out) = _measuredHopOutput(pair, input, output);
            address to = i < last - 1 ? _pairFor(output, path[i + 2]) : _to;
            pair.swap(amount0Out, amount1Out, to, "");
        }
    }

    /// @dev A hop's output for the input the pair actually received (its balance above the reserve).
    function _measuredHopOutput(
        IUniswapV2Pair pair,
        address input,
        address output
    ) private view returns (uint256 amount0Out, uint256 amount1Out) {
        (uint256 reserve0, uint256 reserve1, ) = pair.getReserves();
        (uint256 reserveIn, uint256 reserveOut) = input < output
            ? (reserve0, reserve1)
            : (reserve1, reserve0);
        uint256 amountIn = IERC20(input).balanceOf(address(pair)) - reserveIn;
        uint256 amountOut = AmmLibrary.getAmountOutDown(amountIn, reserveIn, reserveOut);
        (amount0Out, amount1Out) = input < output ? (uint256(0), amountOut) : (amountOut, 0);
    }

    function _depositAndMint(
        address tokenA,
        address tokenB,
        uint256 amountA,
        uint256 amountB,
        address pair,
        address to
    ) private returns (uint256 liquidity) {
        IERC20(tokenA).safeTransferFrom(msg.sender, pair, amountA);
        IERC20(tokenB).safeTransferFrom(msg.sender, pair, amountB);
        liquidity = IUniswapV2Pair(pair).mint(to);
    }

    function _permitLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) private {
        uint256 value = approveMax ? type(uint256).max : liquidity;
        IUniswapV2Pair(_pairFor(tokenA, tokenB)).permit(
            msg.sender,
            address(this),
            value,
            deadline,
            v,
            r,
            s
        );
    }

    function _wrapTo(address pair, uint256 amount) private {
        IWETH(WETH).deposit{value: amount}();
        IERC20(WETH).safeTransfer(pair, amount);
    }

    function _sendEth(address to, uint256 value) private {
        (bool success, ) = to.call{value: value}("");
        if (!success) revert AmmEthTransferFailed(to, value);
    }

    function _pairFor(address tokenA, address tokenB) private view returns (address) {
        return AmmLibrary.pairFor(factory, pairInitCodeHash, tokenA, tokenB);
    }

    function _checkOutput(uint256 amountOut, uint256 amountOutMin) private pure {
        if (amountOut < amountOutMin) revert AmmInsufficientOutputAmount(amountOut, amountOutMin);
    }

    function _checkPathStart(address[] calldata path) private view {
        if (path.length < 2) revert AmmInvalidPathLength(path.length);
        if (path[0] != WETH) revert AmmInvalidPathToken(path[0], WETH);
    }

    function _checkPathEnd(address[] calldata path) private view {
        if (path.length < 2) revert AmmInvalidPathLength(path.length);
        if (path[path.length - 1] != WETH) revert AmmInvalidPathToken(path[path.length - 1], WETH);
    }
}
