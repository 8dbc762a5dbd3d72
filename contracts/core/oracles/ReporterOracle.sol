// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IPriceOracle} from "./IPriceOracle.sol";

/// @title ReporterOracle
/// @notice Prices pushed by several trusted reporters. A price is published only when at least
/// `quorum` reporters have submitted within the last `submissionWindow` seconds, and it is the median of
/// those submissions; no submission may differ from the published price by more than
/// `maxDeviationBps`. One compromised reporter can therefore neither move the median alone nor drag it
/// far in a single update.
/// @dev Invariant: every published price is the median of at least `quorum` fresh submissions, each within
/// `maxDeviationBps` of the price published before it (the first price has nothing to deviate from).
contract ReporterOracle is IPriceOracle, Ownable2Step {
    error OracleNotReporter(address account);
    error OracleReporterAlreadyAdded(address reporter);
    error OracleTooManyReporters(uint256 max);
    error OracleInvalidQuorum(uint256 quorum, uint256 reporters);
    error OracleInvalidMaxDeviation(uint256 maxDeviationBps);
    error OracleInvalidSubmissionWindow(uint256 submissionWindow);
    error OracleZeroPrice(address asset);
    /// @notice `price` is further than `maxDeviationBps` from the published `referencePrice`.
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
        if (published != 0) {
            uint256 distance = price > published ? price - published : published - price;
            if (distance * BPS > published * maxDeviationBps) {
                revert OracleDeviationTooLarge(asset, price, published, maxDeviationBps);
            }
        }
        submissions[asset][msg.sender] = Observation(uint192(price), uint64(block.timestamp));
        emit PriceSubmitted(asset, msg.sender, price);

        (uint256 median, uint256 count) = _freshMedian(asset);
        if (count >= quorum) {
            _prices[asset] = Observation(uint192(median), uint64(block.timestamp));
            emit PriceUpdated(asset, median, count);
        }
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPriceOracle
    function getPrice(address asset) external view returns (uint256 price, uint256 updatedAt) {
        Observation memory p = _prices[asset];
        if (p.price == 0) revert OracleUnsupportedAsset(asset);
        return (p.price, p.timestamp);
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
