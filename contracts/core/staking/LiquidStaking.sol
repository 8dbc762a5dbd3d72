// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ILiquidStaking} from "./ILiquidStaking.sol";

/// @title LiquidStaking
/// @notice Stake ETH, receive sbETH: a non-rebasing share token (the wstETH idea) whose balance never
/// changes on its own; its value in ETH rises as the oracle reports rewards. Joining and leaving both
/// happen at the oracle's reports: a stake waits as a pending deposit and is admitted at the next
/// report, after that report's reward; a withdrawal request leaves at once but is finalised (first
/// in, first out) at the next report.
/// @dev There are no validators on a local chain: staked ETH stays in this contract and a report
/// brings the reward as ETH. What a withdrawal waits for is therefore the next report (Lido also
/// finalises its queue at oracle reports), not ETH coming back from the beacon chain.
/// A report's reward is earned over the period since the last report, so it goes only to the shares
/// that existed over that whole period: deposits earn from the next report on, which gives a stake
/// made just before a report and withdrawn just after nothing of it. Each report admits all pending
/// ETH at once: it mints the aggregate shares to this contract and records (ETH, shares) so that each
/// depositor's claim, rounded down, never sums above the shares minted.
/// The pool is internal accounting (`totalPooledEther`), never `address(this).balance`, so ETH sent
/// by force does not move the rate. Each report is bounded by `maxAprBps` over the time since the
/// last one, on the pooled ETH only (pending deposits earn nothing and do not raise the bound).
/// Invariant: address(this).balance >= totalPooledEther + queuedEther + pendingEther, and
/// totalPooledEther covers every share at the current rate (shares and ETH are both rounded down, in
/// the pool's favour, so the ETH per share never falls).
contract LiquidStaking is
    ILiquidStaking,
    ERC20,
    ERC20Permit,
    AccessControl,
    ReentrancyGuardTransient
{
    struct WithdrawalRequest {
        address owner;
        uint96 ethAmount;
        bool claimed;
    }

    /// @dev One slot: a deposit's ETH and the number of the report that admits it.
    struct Deposit {
        uint128 ethAmount;
        uint128 reportId;
    }

    /// @dev One slot: what a report admitted, the exact rate of every claim on it.
    struct Admission {
        uint128 ethAmount;
        uint128 shares;
    }

    /// @notice May report rewards (and so finalise the queue).
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Basis points in one.
    uint256 public constant BPS = 10_000;
    /// @notice Seconds in a 365-day year, the base of the implied APR.
    uint256 public constant YEAR = 365 days;
    /// @notice Fixed-point unit of `ethPerShare` and `impliedApr`.
    uint256 public constant ONE = 1e18;

    /// @notice The highest APR a single report may imply, in basis points (sandbox default: 1,000).
    uint256 public immutable maxAprBps;

    /// @notice ETH that backs the shares: admitted deposits and rewards less what withdrawal requests
    /// took.
    uint256 public totalPooledEther;
    /// @notice ETH set aside for requested withdrawals not yet claimed.
    uint256 public queuedEther;
    /// @notice ETH deposited since the last report, waiting for the next one; it earns nothing.
    uint256 public pendingEther;
    /// @notice Reports sent so far; a deposit made now is admitted by report `reportCount + 1`.
    uint256 public reportCount;
    /// @notice Highest request id finalised so far (ids start at 1; 0 means none).
    uint256 public lastFinalizedId;
    /// @notice Timestamp of the last report (the deployment counts as one).
    uint256 public lastReportTime;
    /// @notice ETH per share (scaled by ONE) right after the last report.
    uint256 public lastReportRate;
    /// @notice Timestamp of the report before the last.
    uint256 public previousReportTime;
    /// @notice ETH per share (scaled by ONE) right after the report before the last.
    uint256 public previousReportRate;

    /// @notice Report number => the ETH it admitted and the shares it minted for that ETH.
    mapping(uint256 reportId => Admission) public admissions;

    WithdrawalRequest[] private _requests;
    mapping(address account => Deposit) private _deposits;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (decides who is oracle).
    /// @param oracle Receives ORACLE_ROLE.
    /// @param maxAprBps_ Bound on the APR one report may imply, in basis points, at most 10,000.
    constructor(
        address admin,
        address oracle,
        uint256 maxAprBps_
    ) ERC20("Sandbox Staked Ether", "sbETH") ERC20Permit("Sandbox Staked Ether") {
        if (admin == address(0) || oracle == address(0)) revert StakingZeroAddress();
        if (maxAprBps_ == 0 || maxAprBps_ > BPS) revert StakingInvalidMaxApr(maxAprBps_, BPS);
        maxAprBps = maxAprBps_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ORACLE_ROLE, oracle);
        lastReportTime = block.timestamp;
        lastReportRate = ONE;
        previousReportTime = block.timestamp;
        previousReportRate = ONE;
    }

    // ---------------------------------------------------------------- external

    /// @inheritdoc ILiquidStaking
    function stake() external payable nonReentrant returns (uint256 reportId) {
        if (msg.value == 0) revert StakingZeroAmount();
        // The rate at the next report is at least today's: this refuses only what can never buy a
        // share.
        if (convertToSharesDown(msg.value) == 0) revert StakingZeroShares(msg.value);
        _settle(msg.sender);
        reportId = reportCount + 1;
        Deposit storage deposit = _deposits[msg.sender];
        deposit.ethAmount = SafeCast.toUint128(deposit.ethAmount + msg.value);
        deposit.reportId = SafeCast.toUint128(reportId);
        pendingEther += msg.value;
        emit Staked(msg.sender, msg.value, reportId);
    }

    /// @inheritdoc ILiquidStaking
    /// @dev A report may carry no reward (it still admits deposits and finalises the queue), and may
    /// not carry one while nobody holds shares: there would be no one to pay, and the deposits
    /// admitted next would take it all. The reward is booked before the deposits are admitted, so
    /// none of it goes to ETH that was not staked over the period. With no shares yet, deposits are
    /// admitted one for one.
    function report() external payable onlyRole(ORACLE_ROLE) {
        if (totalSupply() == 0 && msg.value > 0) revert StakingRewardWithoutShares(msg.value);
        uint256 maxReward = maxRewardNow();
        if (msg.value > maxReward) revert StakingRewardAboveBound(msg.value, maxReward);

        totalPooledEther += msg.value;
        uint256 reportId = ++reportCount;
        uint256 admittedEther = pendingEther;
        if (admittedEther > 0) {
            uint256 admittedShares = convertToSharesDown(admittedEther);
            admissions[reportId] = Admission({
                ethAmount: SafeCast.toUint128(admittedEther),
                shares: SafeCast.toUint128(admittedShares)
            });
            pendingEther = 0;
            totalPooledEther += admittedEther;
            _mint(address(this), admittedShares);
            emit DepositsAdmitted(reportId, admittedEther, admittedShares);
        }
        lastFinalizedId = _requests.length;
        previousReportTime = lastReportTime;
        previousReportRate = lastReportRate;
        lastReportTime = block.timestamp;
        lastReportRate = ethPerShare();
        emit Reported(msg.value, totalPooledEther, totalSupply(), lastFinalizedId);
    }

    /// @inheritdoc ILiquidStaking
    function claimShares(address account) external nonReentrant returns (uint256 shares) {
        Deposit memory deposit = _deposits[account];
        if (deposit.ethAmount == 0) revert StakingNoDeposit(account);
        if (deposit.reportId > reportCount) {
            revert StakingDepositNotAdmitted(account, deposit.reportId, reportCount);
        }
        shares = _settle(account);
    }

    /// @inheritdoc ILiquidStaking
    function requestWithdrawal(uint256 shares) external nonReentrant returns (uint256 requestId) {
        if (shares == 0) revert StakingZeroAmount();
        _settle(msg.sender);
        // ETH per share never falls below one (it starts there and only rounding and rewards move
        // it), so a nonzero number of shares is always worth a nonzero amount of ETH.
        uint256 ethAmount = convertToEthDown(shares);
        _burn(msg.sender, shares);
        totalPooledEther -= ethAmount;
        queuedEther += ethAmount;
        _requests.push(
            WithdrawalRequest({
                owner: msg.sender,
                ethAmount: SafeCast.toUint96(ethAmount),
                claimed: false
            })
        );
        requestId = _requests.length;
        emit WithdrawalRequested(requestId, msg.sender, shares, ethAmount);
    }

    /// @inheritdoc ILiquidStaking
    function claimWithdrawal(uint256 requestId) external nonReentrant {
        if (requestId == 0 || requestId > _requests.length) {
            revert StakingUnknownRequest(requestId, _requests.length);
        }
        if (requestId > lastFinalizedId) {
            revert StakingRequestNotFinalized(requestId, lastFinalizedId);
        }
        WithdrawalRequest storage request = _requests[requestId - 1];
        if (request.owner != msg.sender) {
            revert StakingNotRequestOwner(requestId, request.owner, msg.sender);
        }
        if (request.claimed) revert StakingAlreadyClaimed(requestId);
        request.claimed = true;
        uint256 ethAmount = request.ethAmount;
        queuedEther -= ethAmount;
        emit WithdrawalClaimed(requestId, msg.sender, ethAmount);
        Address.sendValue(payable(msg.sender), ethAmount);
    }

    /// @notice The request with id `requestId`: its owner, ETH amount, and whether it was paid.
    function withdrawalRequest(
        uint256 requestId
    ) external view returns (address owner, uint256 ethAmount, bool finalized, bool claimed) {
        if (requestId == 0 || requestId > _requests.length) {
            revert StakingUnknownRequest(requestId, _requests.length);
        }
        WithdrawalRequest storage request = _requests[requestId - 1];
        return (request.owner, request.ethAmount, requestId <= lastFinalizedId, request.claimed);
    }

    /// @inheritdoc ILiquidStaking
    function pendingDeposit(
        address account
    ) external view returns (uint256 ethAmount, uint256 reportId, uint256 claimableShares) {
        Deposit memory deposit = _deposits[account];
        return (deposit.ethAmount, deposit.reportId, _claimableSharesDown(deposit));
    }

    /// @notice Number of withdrawal requests ever made (the id of the latest).
    function requestCount() external view returns (uint256) {
        return _requests.length;
    }

    /// @notice The APR implied by the last two reports, scaled by ONE: the rise of ETH per share
    /// between them, over their distance in time, annualised without compounding.
    function impliedApr() external view returns (uint256) {
        uint256 elapsed = lastReportTime - previousReportTime;
        if (elapsed == 0 || lastReportRate <= previousReportRate) return 0;
        return
            Math.mulDiv(
                lastReportRate - previousReportRate,
                ONE * YEAR,
                previousReportRate * elapsed
            );
    }

    // ---------------------------------------------------------------- public views

    /// @notice ETH value of one whole share (ONE) at the current rate; ONE while nobody has staked.
    function ethPerShare() public view returns (uint256) {
        uint256 supply = totalSupply();
        return supply == 0 ? ONE : Math.mulDiv(totalPooledEther, ONE, supply);
    }

    /// @notice Shares minted for `ethAmount` at the current rate, rounded down.
    function convertToSharesDown(uint256 ethAmount) public view returns (uint256) {
        uint256 supply = totalSupply();
        return supply == 0 ? ethAmount : Math.mulDiv(ethAmount, supply, totalPooledEther);
    }

    /// @notice ETH value of `shares` at the current rate, rounded down.
    function convertToEthDown(uint256 shares) public view returns (uint256) {
        uint256 supply = totalSupply();
        return supply == 0 ? 0 : Math.mulDiv(shares, totalPooledEther, supply);
    }

    /// @notice The largest reward a report sent now may carry: maxAprBps over the time since the
    /// last report, on the pooled ETH, rounded down.
    function maxRewardNow() public view returns (uint256) {
        return
            Math.mulDiv(
                totalPooledEther,
                maxAprBps * (block.timestamp - lastReportTime),
                BPS * YEAR
            );
    }

    // ---------------------------------------------------------------- internal

    /// @dev Delivers the shares of `account`'s deposit if a report has admitted it; returns them.
    function _settle(address account) internal returns (uint256 shares) {
        Deposit memory deposit = _deposits[account];
        if (deposit.ethAmount == 0 || deposit.reportId > reportCount) return 0;
        shares = _claimableSharesDown(deposit);
        delete _deposits[account];
        _transfer(address(this), account, shares);
        emit SharesClaimed(account, deposit.reportId, deposit.ethAmount, shares);
    }

    /// @dev The deposit's part of its report's shares, rounded down: the parts of one report's
    /// deposits sum to at most the shares it minted. Zero while the deposit waits.
    function _claimableSharesDown(Deposit memory deposit) internal view returns (uint256) {
        if (deposit.ethAmount == 0 || deposit.reportId > reportCount) return 0;
        Admission memory admitted = admissions[deposit.reportId];
        return Math.mulDiv(deposit.ethAmount, admitted.shares, admitted.ethAmount);
    }
}
