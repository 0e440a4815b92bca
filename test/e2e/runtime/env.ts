import { delimiter } from 'node:path';

import type { RuntimePaths } from './paths';

// Under `npm run`, npm exports its config as npm_config_*: the project's ignore-scripts=true and
// loglevel=silent would leak into the runtime's own npm calls and break the native rebuild. Under
// jest, test/setup-env.ts sets N8N_LOG_LEVEL=silent, which hides `execute --rawOutput` JSON, and
// jest itself sets NODE_ENV=test, with which n8n refuses to load any node ("Not available in
// tests") and every CLI command exits 0 without output. So children start from the caller's
// environment minus everything npm- or n8n-specific, minus NODE_ENV, and minus NODE_OPTIONS,
// whose preloads (debuggers, loaders) belong to the caller's Node 20, not to n8n.
const INHERITED_PREFIXES = ['npm_', 'N8N_', 'DB_', 'EXECUTIONS_', 'QUEUE_', 'GENERIC_', 'WEBHOOK_'];
const INHERITED_EXTRAS = new Set(['INIT_CWD', 'NODE_OPTIONS', 'NODE_ENV']);
// Where the packages come from is the user's choice, not the project's: keep it.
const KEPT_NPM_CONFIG = ['registry', 'cache', 'cafile', 'proxy', 'https_proxy', 'noproxy'];

function isInherited(key: string): boolean {
	if (KEPT_NPM_CONFIG.some((name) => key === `npm_config_${name}`)) return false;
	return INHERITED_EXTRAS.has(key) || INHERITED_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!isInherited(key)) env[key] = value;
	}
	return env;
}

/** Node 24 first on PATH, and native modules built against its headers rather than Node 20's. */
export function node24Env(paths: RuntimePaths): NodeJS.ProcessEnv {
	const env = cleanEnv();
	env.PATH = [paths.nodeBinDir, env.PATH].filter(Boolean).join(delimiter);
	env.npm_config_nodedir = paths.nodeHome;
	return env;
}

export interface N8nPorts {
	/** The editor/REST port of `n8n start`; CLI commands do not listen on it. */
	http: number;
	/**
	 * The task broker that Code nodes talk to (n8n's default is 5679). Every n8n process on the
	 * machine, a server or a CLI `execute`, starts one, so each needs its own port.
	 */
	broker: number;
}

/** The environment every n8n process of the tests and the demo runs with. */
export function n8nEnv(
	paths: RuntimePaths,
	userFolder: string,
	ports: N8nPorts,
): NodeJS.ProcessEnv {
	return {
		...node24Env(paths),
		N8N_USER_FOLDER: userFolder,
		// Offline machines: telemetry, version checks, templates and banners only reach out and fail.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Refreshes a catalogue of MCP servers from n8n's API at start and logs a stack trace offline.
		N8N_DISABLED_MODULES: 'mcp-registry',
		// Skips the "customize n8n" survey so a fresh owner lands straight in the editor.
		N8N_PERSONALIZATION_ENABLED: 'false',
		// The editor is served over plain http on loopback; a secure cookie would never be sent back.
		N8N_SECURE_COOKIE: 'false',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(ports.http),
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.http}`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${ports.http}/`,
		// Our package is an unverified community node; 2.41 warns that this default will flip.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// `execute --rawOutput` prints the run through the logger at info: anything quieter hides it.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	};
}
