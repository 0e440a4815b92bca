/** What other suites (engine tests, fault matrix, e2e, benchmarks) import from the sandbox. */
export { startSandbox } from './server';
export type { Sandbox, SandboxOptions } from './server';
export { SandboxAdminClient } from './admin-client';
export { DEFAULT_KEYS, DEFAULT_ORG, SANDBOX_KEYS, keyFingerprint } from './auth';
export type { ApiKeyConfig } from './auth';
export * from './schemas';
export * from './admin-schemas';
