import type { CredentialImport } from '../runtime/n8n';

export interface TrigifyCredentialData {
	apiKey: string;
	baseUrl: string;
}

/** A Trigify API credential as `n8n import:credentials` takes it: plain data, encrypted on import. */
export function trigifyCredential(
	id: string,
	name: string,
	data: TrigifyCredentialData,
): CredentialImport {
	return { id, name, type: 'trigifyApi', data: { ...data } };
}
