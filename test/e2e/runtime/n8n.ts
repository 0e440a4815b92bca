// The library the end-to-end tests and the demo use to drive the pinned n8n runtime: get the
// runtime, give n8n a throw-away user folder, load a community package into it, run CLI commands
// and the server, and sign in.
export { ensureRuntime, isRuntimeComplete, type RuntimePaths } from './install';
export { n8nEnv, type N8nPorts } from './env';
export { freePort } from './ports';
export { createUserFolder, installCommunityPackage, removeUserFolder } from './user-folder';
export {
	executeWorkflow,
	exportNodes,
	importCredentials,
	importWorkflows,
	N8nCommandError,
	nodeItems,
	parseRun,
	runN8n,
	runN8nRaw,
	type N8nContext,
} from './cli';
export { isGroupAlive, startServer, type N8nServer, type StartOptions } from './server';
export {
	AUTH_COOKIE,
	browserCookie,
	ensureOwnerSession,
	login,
	RestError,
	setupOwner,
	TEST_OWNER,
	type OwnerAccount,
	type RestSession,
} from './rest';
export type * from './types';
