// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IPriceOracle} from "./IPriceOracle.sol";

/// @title ReporterOracle
/// @notice Prices pushed by several trusted reporters. A price is published only when at least
/// `quorum` reporters have submitted within the last `submissionWindow` seconds, and it is the median of
/// those fresh submissions. The quorum is odd: with a quorum of q, up to (q - 1) / 2 compromised
/// reporters cannot move the published price outside the range of the honest reporters' fresh
/// submissions, whatever they submit and whenever, because every median of q or more values has more
/// honest values on each side of it than compromised ones. (An even quorum tolerates no more than the
/// odd one below it: of two fresh submissions, a compromised one sets half the median.)
/// Every submission, and every published price, stays within `maxDeviationBps` of a reference price
/// that moves only once a window: the reference is the price published when the current window
/// began, and a window ends `submissionWindow` seconds after it began. Reporters who collude, even all
/// of them, move the price at most maxDeviationBps from the reference per window, however many
/// submissions they send.
/// @dev Warning: safety over liveness. A quorum of q needs q reporters online: with three reporters and
/// a quorum of three, one silent reporter leaves the last price to go stale (consumers then refuse
/// it), and so does an honest reporter whose true price lies outside the bound, since its submission
/// reverts. More reporters than the quorum buy liveness back.
/// Invariant: every published price is the median of at least `quorum` fresh submissions, clamped to
/// within `maxDeviationBps` of the reference, and the reference changes at most once per
/// `submissionWindow` (the first price has nothing to deviate from and becomes the first reference).
contract ReporterOracle is IPriceOracle, Ownable2Step {
    error OracleNotReporter(address account);
    error OracleReporterAlreadyAdded(address reporter);
    error OracleTooManyReporters(uint256 max);
    error OracleInvalidQuorum(uint256 quorum, uint256 reporters);
    /// @notice An even quorum tolerates no more compromised reporters than the odd one below it.
    error OracleEvenQuorum(uint256 quorum);
    error OracleInvalidMaxDeviation(uint256 maxDeviationBps);
    error OracleInvalidSubmissionWindow(uint256 submissionWindow);
    error OracleZeroPrice(address asset);
    /// @notice `price` is further than `maxDeviationBps` from the window's `referencePrice`.
    error OracleDeviationTooLarge(
        address asset,
        uint256 price,
        uint256 referencePrice,
        uint256 maxDeviationBps
    );

    event ReporterAdded(address indexed reporter);
    event ReporterRemoved(address indexed reporter);
    event QuorumSet(uint256 quorum);
    event MaxDeviationSet(uint256 maxDeviationBps);
    event SubmissionWindowSet(uint256 submissionWindow);
    event PriceSubmitted(address indexed asset, address indexed reporter, uint256 price);
    event PriceUpdated(address indexed asset, uint256 price, uint256 submissions);

    uint256 public constant BPS = 10_000;
    uint256 public constant MAX_REPORTERS = 9;

    struct Observation {
        uint192 price;
        uint64 timestamp;
    }

    address[] internal _reporters;
    mapping(address account => bool) public isReporter;
    /// @notice Fresh submissions needed to publish a price.
    uint256 public quorum;
    /// @notice Largest distance of a submission from the published price, in basis points.
    uint256 public maxDeviationBps;
    /// @notice How long a submission counts towards the quorum, in seconds.
    uint256 public submissionWindow;

    mapping(address asset => mapping(address reporter => Observation)) public submissions;
    mapping(address asset => Observation) internal _prices;
    /// @dev The reference of the current window and when the window began.
    mapping(address asset => Observation) internal _references;

    /// @param owner_ Manages reporters, quorum, deviation bound and window (later a timelock).
    constructor(
        address owner_,
        address[] memory reporters_,
        uint256 quorum_,
        uint256 maxDeviationBps_,
        uint256 submissionWindow_
    ) Ownable(owner_) {
        for (uint256 i = 0; i < reporters_.length; ++i) _addReporter(reporters_[i]);
        _setQuorum(quorum_);
        _setMaxDeviation(maxDeviationBps_);
        _setSubmissionWindow(submissionWindow_);
    }

    // ---------------------------------------------------------------- owner

    /// @notice Adds a reporter; only the owner.
    function addReporter(address reporter) external onlyOwner {
        _addReporter(reporter);
    }

    /// @notice Removes a reporter, whose submissions stop counting; only the owner. The quorum must
    /// remain reachable.
    function removeReporter(address reporter) external onlyOwner {
        if (!isReporter[reporter]) revert OracleNotReporter(reporter);
        uint256 n = _reporters.length;
        if (quorum > n - 1) revert OracleInvalidQuorum(quorum, n - 1);
        for (uint256 i = 0; i < n; ++i) {
            if (_reporters[i] == reporter) {
                _reporters[i] = _reporters[n - 1];
                _reporters.pop();
                break;
            }
        }
        isReporter[reporter] = false;
        emit ReporterRemoved(reporter);
    }

    /// @notice Sets the quorum; only the owner.
    function setQuorum(uint256 quorum_) external onlyOwner {
        _setQuorum(quorum_);
    }

    /// @notice Sets the deviation bound; only the owner.
    function setMaxDeviation(uint256 maxDeviationBps_) external onlyOwner {
        _setMaxDeviation(maxDeviationBps_);
    }

    /// @notice Sets the submission window; only the owner.
    function setSubmissionWindow(uint256 submissionWindow_) external onlyOwner {
        _setSubmissionWindow(submissionWindow_);
    }

    // ---------------------------------------------------------------- reporters

    /// @notice Submits the caller's observation of `asset` (USD, 18 decimals per whole token) and
    /// publishes the median when a quorum of fresh submissions exists.
    function submit(address asset, uint256 price) external {
        if (!isReporter[msg.sender]) revert OracleNotReporter(msg.sender);
        if (price == 0) revert OracleZeroPrice(asset);
        uint256 published = _prices[asset].price;
        (uint256 refPrice, bool newWindow) = _reference(asset);
        if (published != 0) {
            uint256 distance = price > refPrice ? price - refPrice : refPrice - price;
            if (distance * BPS > refPrice * maxDeviationBps) {
                revert OracleDeviationTooLarge(asset, price, refPrice, maxDeviationBps);
            }
        }
        submissions[asset][msg.sender] = Observation(uint192(price), uint64(block.timestamp));
        emit PriceSubmitted(asset, msg.sender, price);

        (uint256 median, uint256 count) = _freshMedian(asset);
        if (count < quorum) return;
        if (published == 0) {
            _references[asset] = Observation(uint192(median), uint64(block.timestamp));
        } else {
            if (newWindow) {
                _references[asset] = Observation(uint192(refPrice), uint64(block.timestamp));
            }
            // A fresh submission made in the previous window was checked against that window's
            // reference: clamp, so that no price leaves the current window's bound.
            uint256 allowed = (refPrice * maxDeviationBps) / BPS;
            if (median > refPrice + allowed) median = refPrice + allowed;
            else if (median < refPrice - allowed) median = refPrice - allowed;
        }
        _prices[asset] = Observation(uint192(median), uint64(block.timestamp));
        emit PriceUpdated(asset, median, count);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPriceOracle
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt) {
        Observation memory p = _prices[asset];
        if (p.price == 0) revert OracleUnsupportedAsset(asset);
        return (p.price, p.timestamp);
    }

    /// @notice The price submissions of `asset` are checked against now, and when its window began
    /// (a window that has ended gives way to the published price, from now). Zero before any price.
    function referencePrice(address asset) external view returns (uint256 price, uint256 since) {
        (uint256 refPrice, bool newWindow) = _reference(asset);
        return (refPrice, newWindow ? block.timestamp : _references[asset].timestamp);
    }

    /// @notice The current reporters.
    function reporters() external view returns (address[] memory) {
        return _reporters;
    }

    // ---------------------------------------------------------------- internal

    function _addReporter(address reporter) internal {
        if (reporter == address(0)) revert OracleNotReporter(reporter);
        if (isReporter[reporter]) revert OracleReporterAlreadyAdded(reporter);
        if (_reporters.length == MAX_REPORTERS) revert OracleTooManyReporters(MAX_REPORTERS);
        _reporters.push(reporter);
        isReporter[reporter] = true;
        emit ReporterAdded(reporter);
    }

    function _setQuorum(uint256 quorum_) internal {
        if (quorum_ == 0 || quorum_ > _reporters.length) {
            revert OracleInvalidQuorum(quorum_, _reporters.length);
        }
        if (quorum_ % 2 == 0) revert OracleEvenQuorum(quorum_);
        quorum = quorum_;
        emit QuorumSet(quorum_);
    }

    function _setMaxDeviation(uint256 maxDeviationBps_) internal {
        if (maxDeviationBps_ == 0 || maxDeviationBps_ > BPS) {
            revert OracleInvalidMaxDeviation(maxDeviationBps_);
        }
        maxDeviationBps = maxDeviationBps_;
        emit MaxDeviationSet(maxDeviationBps_);
    }

    function _setSubmissionWindow(uint256 submissionWindow_) internal {
        if (submissionWindow_ == 0) revert OracleInvalidSubmissionWindow(submissionWindow_);
        submissionWindow = submissionWindow_;
        emit SubmissionWindowSet(submissionWindow_);
    }

    /// @dev The reference price of the current window, and whether the stored window has ended (then
    /// the published price is the reference of a window that begins now).
    function _reference(address asset) internal view returns (uint256 refPrice, bool newWindow) {
        Observation memory r = _references[asset];
        newWindow = r.timestamp + submissionWindow <= block.timestamp;
        refPrice = newWindow ? _prices[asset].price : r.price;
    }

    /// @dev Median of the current reporters' submissions younger than the window (the mean of the two
    /// middle ones, rounded down, for an even count) and how many there are.
    function _freshMedian(address asset) internal view returns (uint256 median, uint256 count) {
        uint256 n = _reporters.length;
        uint256[] memory fresh = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            Observation memory o = submissions[asset][_reporters[i]];
            if (o.timestamp != 0 && o.timestamp + submissionWindow >= block.timestamp) {
                // Insertion sort: at most MAX_REPORTERS values.
                uint256 j = count;
                while (j > 0 && fresh[j - 1] > o.price) {
                    fresh[j] = fresh[j - 1];
                    --j;
                }
                fresh[j] = o.price;
                ++count;
            }
        }
        // count >= 1: `submit` stores the caller's own observation, fresh, before asking.
        uint256 mid = count / 2;
        median = count % 2 == 1 ? fresh[mid] : (fresh[mid - 1] + fresh[mid]) / 2;
    }
}
