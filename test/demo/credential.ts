import type { Sandbox } from '../sandbox';
import type { CredentialImport } from '../e2e/runtime/n8n';
import { trigifyCredential } from '../e2e/support/credentials';
import { EXAMPLE_CREDENTIAL } from '../e2e/support/workflows';
import { LIVE_CREDENTIAL, type LiveApi } from './settings';

export interface ProvisionedCredential {
	credential: CredentialImport;
	/** Where it points and with which key, safe to print. */
	summary: string;
}

/** The example's own credential, "Trigify (sandbox)", pointing at the running sandbox. */
export function sandboxCredential(sandbox: Sandbox): ProvisionedCredential {
	const data = { apiKey: sandbox.apiKey, baseUrl: sandbox.url };
	return {
		credential: trigifyCredential(EXAMPLE_CREDENTIAL.id, EXAMPLE_CREDENTIAL.name, data),
		summary: `${sandbox.url}, key ${sandbox.apiKey}`,
	};
}

/** A real key is never printed: only enough of its end to tell which one it is. */
function masked(apiKey: string): string {
	return apiKey.length >= 12 ? `...${apiKey.slice(-4)}` : '(hidden)';
}

export function liveCredential(live: LiveApi): ProvisionedCredential {
	return {
		credential: trigifyCredential(LIVE_CREDENTIAL.id, LIVE_CREDENTIAL.name, live),
		summary: `${live.baseUrl}, key ${masked(live.apiKey)} from TRIGIFY_API_KEY`,
	};
}

/** The sandbox's credential when one runs, otherwise the one for the key the user gave. */
export function credentialFor(
	live: LiveApi | undefined,
	sandbox: Sandbox | undefined,
): ProvisionedCredential {
	if (sandbox) return sandboxCredential(sandbox);
	if (live) return liveCredential(live);
	throw new Error('There is neither a sandbox nor a TRIGIFY_API_KEY for the credential.');
}
