// The fault matrix and the sandbox restart (test/faults): 1,000 items per fault through the node
// in n8n-core's engine against the sandbox. Minutes, not seconds, so kept out of `npm test`:
// files end in .faults.ts, which jest.config.js does not match. One file at a time, so timings
// in the printed table are not skewed by another suite sharing the two cores.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/faults'],
	testMatch: ['**/*.faults.ts'],
	maxWorkers: 1,
	testTimeout: 120_000,
};
