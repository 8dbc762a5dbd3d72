// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {
    IEtherFlashBorrower,
    IEtherFlashPool
} from "../scenarios/flash-loan-side-entrance/IEtherFlashPool.sol";
import {ITokenFlashPool} from "../scenarios/flash-loan-truster/ITokenFlashPool.sol";

/// @notice Test-only: an honest ether flash borrower that sends back the loan less `shortfall`.
contract EtherFlashBorrowerMock is IEtherFlashBorrower {
    error EtherFlashBorrowerMockRepayFailed();

    IEtherFlashPool public immutable pool;
    uint256 public shortfall;
    uint256 public lastLoan;

    constructor(IEtherFlashPool pool_) {
        pool = pool_;
    }

    function setShortfall(uint256 shortfall_) external {
        shortfall = shortfall_;
    }

    function borrow(uint256 amount) external {
        pool.flashLoan(amount);
    }

    function onEtherFlashLoan() external payable {
        lastLoan = msg.value;
        (bool sent, ) = address(pool).call{value: msg.value - shortfall}("");
        if (!sent) revert EtherFlashBorrowerMockRepayFailed();
    }

    receive() external payable {}
}

/// @notice Test-only: an ERC-3156 borrower that sends back the loan less `shortfall` and answers
/// with `answer` (the magic value unless changed).
/// NaiveTokenFlashPool makes whatever call it is given, so tests hand it this very callback.
contract TokenFlashBorrowerMock is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    uint256 public shortfall;
    bytes32 public answer = keccak256("ERC3156FlashBorrower.onFlashLoan");
    address public lastInitiator;
    uint256 public lastLoan;

    constructor(IERC20 token_) {
        token = token_;
    }

    function setShortfall(uint256 shortfall_) external {
        shortfall = shortfall_;
    }

    function setAnswer(bytes32 answer_) external {
        answer = answer_;
    }

    function borrow(ITokenFlashPool pool, uint256 amount, bytes calldata data) external {
        pool.flashLoan(address(this), amount, data);
    }

    function onFlashLoan(
        address initiator,
        address,
        uint256 amount,
        uint256,
        bytes calldata
    ) external returns (bytes32) {
        lastInitiator = initiator;
        lastLoan = amount;
        token.safeTransfer(msg.sender, amount - shortfall);
        return answer;
    }
}
