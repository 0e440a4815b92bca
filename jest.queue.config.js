// n8n in queue mode (test/queue): Redis, a throw-away PostgreSQL, one main and two workers from
// the pinned runtime (test/e2e/README.md). About a minute once the runtime is cached; the first
// run installs it (minutes). Files end in .queue.ts, which `npm test` does not pick up.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	maxWorkers: 1,
	testTimeout: 300_000,
};
