/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// Engine and sandbox tests wait on real HTTP, retries and Retry-After: seconds, not milliseconds.
	testTimeout: 30_000,
};
