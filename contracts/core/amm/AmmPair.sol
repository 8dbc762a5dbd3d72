// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IUniswapV2Callee} from "./interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Factory} from "./interfaces/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "./interfaces/IUniswapV2Pair.sol";
import {UQ112x112} from "./libraries/UQ112x112.sol";

/// @notice What a pair asks its factory while being constructed.
interface IAmmPairDeployer {
    /// @notice The tokens of the pair being created, sorted; only meaningful during createPair.
    function pairTokens() external view returns (address token0, address token1);
}

/// @title AmmPair
/// @notice A constant-product pool of two tokens with Uniswap V2's interface and math to the wei: swaps
/// pay 0.3% to liquidity providers, LP tokens (ERC-20 with permit) are minted and burned pro rata,
/// optional protocol fee, price accumulators for TWAP oracles, flash swaps.
/// @dev Invariant: after every swap (balance0·1000 − amount0In·3)·(balance1·1000 − amount1In·3)
/// ≥ reserve0·reserve1·1000², so K never decreases and grows by the fee. Reserves equal the balances
/// after each mint, burn, swap and sync; they may fall behind balances only through donations.
/// Differences from V2's internals (not its interface or math): tokens and factory are immutables
/// (read back from the factory during construction, so the init code hash stays constant and
/// `initialize` is never needed), the reentrancy lock lives in transient storage, the first
/// MINIMUM_LIQUIDITY LP tokens are locked at 0x…dEaD because OpenZeppelin's ERC-20 refuses to mint to
/// the zero address.
contract AmmPair is IUniswapV2Pair, ERC20Permit, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants and immutables

    uint256 public constant MINIMUM_LIQUIDITY = 10 ** 3;
    /// @notice Holder of the permanently locked first MINIMUM_LIQUIDITY LP tokens.
    address public constant LOCKED_LIQUIDITY_HOLDER = address(0xdEaD);
    bytes32 public constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    address public immutable factory;
    address public immutable token0;
    address public immutable token1;

    // ---------------------------------------------------------------- storage

    // One slot, as in V2: read and written together on every action.
    uint112 private reserve0;
    uint112 private reserve1;
    uint32 private blockTimestampLast;

    uint256 public price0CumulativeLast;
    uint256 public price1CumulativeLast;
    /// @notice reserve0·reserve1 right after the last liquidity event, while the protocol fee is on.
    uint256 public kLast;

    // ---------------------------------------------------------------- constructor

    constructor() ERC20("Sandbox AMM LP", "SAMM-LP") ERC20Permit("Sandbox AMM LP") {
        factory = msg.sender;
        (token0, token1) = IAmmPairDeployer(msg.sender).pairTokens();
    }

    // ---------------------------------------------------------------- external

    /// @notice Kept for V2 interface compatibility. The tokens are fixed at construction, so it always
    /// reverts.
    function initialize(address, address) external view {
        revert AmmForbidden(msg.sender);
    }

    function getReserves()
        external
        view
        returns (uint112 _reserve0, uint112 _reserve1, uint32 _blockTimestampLast)
    {
        return (reserve0, reserve1, blockTimestampLast);
    }

    /// @notice Mints LP tokens to `to` for the tokens paid in since the last update: √(amount0·amount1)
    /// − MINIMUM_LIQUIDITY on the first deposit, else min(amount0·S/reserve0, amount1·S/reserve1),
    /// rounded down. Call it in the same transaction as the transfers in (the router does).
    function mint(address to) external nonReentrant returns (uint256 liquidity) {
        (uint112 _reserve0, uint112 _reserve1) = (reserve0, reserve1);
        uint256 balance0 = _balanceOf(token0);
        uint256 balance1 = _balanceOf(token1);
        uint256 amount0 = balance0 - _reserve0;
        uint256 amount1 = balance1 - _reserve1;

        bool feeOn = _mintFee(_reserve0, _reserve1);
        uint256 supply = totalSupply(); // after _mintFee, which may mint
        if (supply == 0) {
            uint256 root = Math.sqrt(amount0 * amount1);
            if (root <= MINIMUM_LIQUIDITY) revert AmmInsufficientLiquidityMinted(amount0, amount1);
            unchecked {
                // root > MINIMUM_LIQUIDITY was checked just above.
                liquidity = root - MINIMUM_LIQUIDITY;
            }
            // permanently lock the first MINIMUM_LIQUIDITY tokens
            _mint(LOCKED_LIQUIDITY_HOLDER, MINIMUM_LIQUIDITY);
        } else {
            liquidity = Math.min((amount0 * supply) / _reserve0, (amount1 * supply) / _reserve1);
            if (liquidity == 0) revert AmmInsufficientLiquidityMinted(amount0, amount1);
        }
        _mint(to, liquidity);

        _update(balance0, balance1, _reserve0, _reserve1);
        if (feeOn) kLast = balance0 * balance1; // balances fit 112 bits each: checked in _update
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @notice Burns the LP tokens held by the pair and pays `to` their share of both balances,
    /// rounded down. Call it in the same transaction as the LP transfer in (the router does).
    function burn(address to) external nonReentrant returns (uint256 amount0, uint256 amount1) {
        (uint112 _reserve0, uint112 _reserve1) = (reserve0, reserve1);
        uint256 balance0 = _balanceOf(token0);
        uint256 balance1 = _balanceOf(token1);
        uint256 liquidity = balanceOf(address(this));

        bool feeOn = _mintFee(_reserve0, _reserve1);
        uint256 supply = totalSupply(); // after _mintFee, which may mint
        amount0 = (liquidity * balance0) / supply; // pro rata on balances, so donations are shared
        amount1 = (liquidity * balance1) / supply;
        if (amount0 == 0 || amount1 == 0) revert AmmInsufficientLiquidityBurned(amount0, amount1);
        _burn(address(this), liquidity);
        IERC20(token0).safeTransfer(to, amount0);
        IERC20(token1).safeTransfer(to, amount1);
        balance0 = _balanceOf(token0);
        balance1 = _balanceOf(token1);

        _update(balance0, balance1, _reserve0, _reserve1);
        if (feeOn) kLast = balance0 * balance1; // balances fit 112 bits each: checked in _update
        emit Burn(msg.sender, amount0, amount1, to);
    }

    /// @notice Sends `amount0Out` and `amount1Out` to `to`, calls `to.uniswapV2Call` when `data` is
    /// non-empty (a flash swap), then requires the fee-adjusted K of the new balances to be at least
    /// the old one. The input must be paid in before this call or during the callback.
    function swap(
        uint256 amount0Out,
        uint256 amount1Out,
        address to,
        bytes calldata data
    ) external nonReentrant {
        if (amount0Out == 0 && amount1Out == 0)
            revert AmmInsufficientOutput(amount0Out, amount1Out);
        (uint112 _reserve0, uint112 _reserve1) = (reserve0, reserve1);
        if (amount0Out >= _reserve0 || amount1Out >= _reserve1) {
            revert AmmInsufficientLiquidity(amount0Out, amount1Out, _reserve0, _reserve1);
        }

        if (to == token0 || to == token1) revert AmmInvalidTo(to);
        if (amount0Out > 0) IERC20(token0).safeTransfer(to, amount0Out); // optimistic transfer
        if (amount1Out > 0) IERC20(token1).safeTransfer(to, amount1Out);
        if (data.length > 0) {
            IUniswapV2Callee(to).uniswapV2Call(msg.sender, amount0Out, amount1Out, data);
        }
        (uint256 amount0In, uint256 amount1In) = _settleSwap(
            amount0Out,
            amount1Out,
            _reserve0,
            _reserve1
        );
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /// @notice Sends `to` whatever the balances hold above the reserves (donations).
    function skim(address to) external nonReentrant {
        IERC20(token0).safeTransfer(to, _balanceOf(token0) - reserve0);
        IERC20(token1).safeTransfer(to, _balanceOf(token1) - reserve1);
    }

    /// @notice Sets the reserves to the balances (donations become part of the pool).
    function sync() external nonReentrant {
        _update(_balanceOf(token0), _balanceOf(token1), reserve0, reserve1);
    }

    function nonces(
        address owner
    ) public view override(ERC20Permit, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    // ---------------------------------------------------------------- internal

    /// @dev Measures what a swap paid in, enforces the fee-adjusted K and stores the new reserves.
    function _settleSwap(
        uint256 amount0Out,
        uint256 amount1Out,
        uint112 _reserve0,
        uint112 _reserve1
    ) private returns (uint256 amount0In, uint256 amount1In) {
        uint256 balance0 = _balanceOf(token0);
        uint256 balance1 = _balanceOf(token1);
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) {
            revert AmmOverflow(balance0, balance1);
        }
        unchecked {
            // amountOut < reserve was checked by swap, so reserve − amountOut cannot underflow, and
            // the input is only taken when the balance exceeds it.
            uint256 left0 = _reserve0 - amount0Out;
            uint256 left1 = _reserve1 - amount1Out;
            amount0In = balance0 > left0 ? balance0 - left0 : 0;
            amount1In = balance1 > left1 ? balance1 - left1 : 0;
        }
        if (amount0In == 0 && amount1In == 0) revert AmmInsufficientInput(amount0In, amount1In);
        unchecked {
            // Balances and reserves are below 2^112 (checked above), so each adjusted balance is
            // below 2^122 and each product below 2^244. amountIn ≤ balance, so
            // balance·1000 − amountIn·3 cannot underflow.
            uint256 balanceProduct =
                (balance0 * 1000 - amount0In * 3) * (balance1 * 1000 - amount1In * 3);
            uint256 reserveProduct = uint256(_reserve0) * _reserve1 * 1000 ** 2;
            if (balanceProduct < reserveProduct) revert AmmK(balanceProduct, reserveProduct);
        }
        _update(balance0, balance1, _reserve0, _reserve1);
    }

    /// @dev Stores the balances as reserves and, on the first call of a block, adds the previous
    /// prices times the seconds elapsed to the accumulators. The accumulators and the 32-bit timestamp
    /// wrap around by design: oracles take differences modulo 2^256 and 2^32.
    function _update(
        uint256 balance0,
        uint256 balance1,
        uint112 _reserve0,
        uint112 _reserve1
    ) private {
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) {
            revert AmmOverflow(balance0, balance1);
        }
        uint32 blockTimestamp = uint32(block.timestamp); // mod 2^32 by design
        unchecked {
            // Wrapping is intended: see the NatSpec above.
            uint32 timeElapsed = blockTimestamp - blockTimestampLast;
            if (timeElapsed > 0 && _reserve0 != 0 && _reserve1 != 0) {
                price0CumulativeLast +=
                    uint256(UQ112x112.divDown(_reserve1, _reserve0)) * timeElapsed;
                price1CumulativeLast +=
                    uint256(UQ112x112.divDown(_reserve0, _reserve1)) * timeElapsed;
            }
        }
        // One write of the packed slot (reserve0 | reserve1 << 112 | blockTimestampLast << 224)
        // instead of three read-modify-writes; both balances fit 112 bits (checked above).
        assembly ("memory-safe") {
            sstore(reserve0.slot, or(or(balance0, shl(112, balance1)), shl(224, blockTimestamp)))
        }
        emit Sync(uint112(balance0), uint112(balance1));
    }

    /// @dev With the protocol fee on, mints to feeTo the LP tokens worth 1/6 of the growth of √k since
    /// kLast: S·(√k − √kLast) / (5·√k + √kLast), rounded down. Returns whether the fee is on.
    function _mintFee(uint112 _reserve0, uint112 _reserve1) private returns (bool feeOn) {
        address feeTo = IUniswapV2Factory(factory).feeTo();
        feeOn = feeTo != address(0);
        uint256 _kLast = kLast;
        if (feeOn) {
            if (_kLast != 0) {
                uint256 rootK = Math.sqrt(uint256(_reserve0) * _reserve1);
                uint256 rootKLast = Math.sqrt(_kLast);
                if (rootK > rootKLast) {
                    uint256 liquidity =
                        (totalSupply() * (rootK - rootKLast)) / (rootK * 5 + rootKLast);
                    if (liquidity > 0) _mint(feeTo, liquidity);
                }
            }
        } else if (_kLast != 0) {
            kLast = 0;
        }
    }

    /// @dev The pair's balance of `token`.
    /// Reverts with the token's own revert data if the call fails or returns less than a word.
    function _balanceOf(address token) private view returns (uint256 amount) {
        bytes4 selector = IERC20.balanceOf.selector;
        assembly ("memory-safe") {
            // Only the scratch space (0x00–0x3f) is written.
            mstore(0x00, selector)
            mstore(0x04, address())
            // Yul evaluates arguments right to left: call first, then read returndatasize.
            let success := staticcall(gas(), token, 0x00, 0x24, 0x00, 0x20)
            if iszero(and(success, gt(returndatasize(), 0x1f))) {
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            amount := mload(0x00)
        }
    }
}
