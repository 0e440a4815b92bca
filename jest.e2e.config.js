// End-to-end tests against the pinned real n8n (test/e2e/README.md), the sandbox and Chromium:
// minutes, not seconds, so kept out of `npm test`: files end in .e2e.ts, which jest.config.js
// does not match. One file at a time (they share two cores with whatever else runs); a CLI call
// takes seconds, a server start about ten.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 180_000,
	slowTestThreshold: 60,
};
