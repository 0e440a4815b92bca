import { join, resolve } from 'node:path';

import { checkBaseUrl } from '../../nodes/TrackLinkedInProfiles/base-url';
import type { OwnerAccount } from '../e2e/runtime/n8n';
import { REPO_ROOT } from '../e2e/support/package';

/** The account `npm start` creates; printed with the URL so a newcomer can sign in at once. */
export const DEMO_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Trigify-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

// The ports people know from n8n's and the sandbox's docs; taken ones fall back to free ports.
export const PREFERRED_N8N_PORT = 5678;
export const PREFERRED_SANDBOX_PORT = 8787;

export const LIVE_CREDENTIAL = { id: 'trigifyLiveApi01', name: 'Trigify API' } as const;

export interface LiveApi {
	apiKey: string;
	baseUrl: string;
}

export interface DemoSettings {
	/** Everything the demo keeps between runs (git-ignored). */
	dir: string;
	/** n8n's user folder: database, encryption key, the installed package. */
	userFolder: string;
	sandboxDir: string;
	packageDir: string;
	/** A fixed editor port, 0 for any free one, or undefined for 5678 when it is free. */
	n8nPort: number | undefined;
	/** Set when the user gave a real key: then n8n talks to Trigify, not to the sandbox. */
	live: LiveApi | undefined;
}

function readPort(text: string | undefined): number | undefined {
	if (text === undefined || text === '') return undefined;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`N8N_PORT must be a port number (0 for any free port), not "${text}".`);
	}
	return port;
}

function readLive(env: NodeJS.ProcessEnv): LiveApi | undefined {
	const apiKey = env.TRIGIFY_API_KEY?.trim();
	if (!apiKey) return undefined;
	const baseUrl = checkBaseUrl(env.TRIGIFY_BASE_URL);
	if (!baseUrl.ok) throw new Error(`TRIGIFY_BASE_URL: ${baseUrl.message}`);
	return { apiKey, baseUrl: baseUrl.url };
}

/**
 * Only these scripts read the environment; the node never does. A real key gets a user folder
 * of its own, so the sandbox set-up (and `npm run demo`) never runs against the real API.
 */
export function readSettings(
	env: NodeJS.ProcessEnv,
	options: { allowLive: boolean },
): DemoSettings {
	const dir = resolve(env.TRIGIFY_DEMO_DIR || join(REPO_ROOT, '.demo'));
	const live = options.allowLive ? readLive(env) : undefined;
	return {
		dir,
		userFolder: join(dir, live ? 'n8n-live' : 'n8n'),
		sandboxDir: join(dir, 'sandbox'),
		packageDir: join(dir, 'package'),
		n8nPort: readPort(env.N8N_PORT),
		live,
	};
}
