import { network } from "hardhat";

/**
 * One in-process chain shared by every mocha test file, so that `loadFixture` snapshots are shared
 * too and the sandbox is deployed once per run.
 */
export const connection = await network.getOrCreate();
export const { ethers, networkHelpers, ignition } = connection;
