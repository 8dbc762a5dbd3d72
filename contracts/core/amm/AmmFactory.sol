// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AmmPair, IAmmPairDeployer} from "./AmmPair.sol";
import {IUniswapV2Factory} from "./interfaces/IUniswapV2Factory.sol";

/// @title AmmFactory
/// @notice Creates one AmmPair per unordered pair of tokens, at an address anyone can compute:
/// CREATE2 from this factory with salt keccak256(token0, token1) (tokens sorted) and the init code
/// hash `pairInitCodeHash`. Holds the protocol-fee switch (`feeTo`) and who may flip it.
/// @dev Invariant: getPair[a][b] == getPair[b][a], and every pair in allPairs is in getPair.
contract AmmFactory is IUniswapV2Factory, IAmmPairDeployer {
    // ---------------------------------------------------------------- immutables

    /// @notice keccak256 of AmmPair's creation code: with the salt, it gives every pair's address.
    bytes32 public immutable pairInitCodeHash;

    // ---------------------------------------------------------------- storage

    address public feeTo;
    address public feeToSetter;

    mapping(address tokenA => mapping(address tokenB => address pair)) public getPair;
    address[] public allPairs;

    // The tokens of the pair under construction, read back by its constructor.
    address private transient _pairToken0;
    address private transient _pairToken1;

    // ---------------------------------------------------------------- constructor

    /// @param _feeToSetter May switch the protocol fee on (setFeeTo) and hand this power on.
    constructor(address _feeToSetter) {
        feeToSetter = _feeToSetter;
        pairInitCodeHash = keccak256(type(AmmPair).creationCode);
    }

    // ---------------------------------------------------------------- external

    function allPairsLength() external view returns (uint256) {
        return allPairs.length;
    }

    /// @inheritdoc IAmmPairDeployer
    function pairTokens() external view returns (address token0, address token1) {
        return (_pairToken0, _pairToken1);
    }

    /// @notice Deploys the pair of `tokenA` and `tokenB` (in either order) and records it.
    function createPair(address tokenA, address tokenB) external returns (address pair) {
        if (tokenA == tokenB) revert AmmIdenticalAddresses(tokenA);
        (address token0, address token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        if (token0 == address(0)) revert AmmZeroAddress();
        address existing = getPair[token0][token1];
        if (existing != address(0)) revert AmmPairExists(token0, token1, existing);

        (_pairToken0, _pairToken1) = (token0, token1);
        pair = address(new AmmPair{salt: keccak256(abi.encodePacked(token0, token1))}());
        (_pairToken0, _pairToken1) = (address(0), address(0));

        getPair[token0][token1] = pair;
        getPair[token1][token0] = pair; // the reverse direction too
        allPairs.push(pair);
        emit PairCreated(token0, token1, pair, allPairs.length);
    }

    /// @notice Sets who receives the protocol fee (the zero address switches it off); feeToSetter only.
    function setFeeTo(address _feeTo) external {
        if (msg.sender != feeToSetter) revert AmmForbidden(msg.sender);
        feeTo = _feeTo;
    }

    /// @notice Hands the fee switch to `_feeToSetter`; feeToSetter only.
    function setFeeToSetter(address _feeToSetter) external {
        if (msg.sender != feeToSetter) revert AmmForbidden(msg.sender);
        feeToSetter = _feeToSetter;
    }
}
