// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WETH} from "../core/tokens/WETH.sol";

/// @notice Test-only: a contract without `receive`, so any ETH sent to it bounces. It wraps and
/// unwraps through WETH to show that a failed ETH payout reverts the whole withdrawal.
contract EthRejecter {
    function wrap(WETH weth) external payable {
        weth.deposit{value: msg.value}();
    }

    function unwrap(WETH weth, uint256 amount) external {
        weth.withdraw(amount);
    }
}
