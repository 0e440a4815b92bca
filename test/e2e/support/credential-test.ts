import type { RestSession } from '../runtime/n8n';

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** Secrets come back redacted; n8n puts the stored values back in before testing. */
	data: Record<string, unknown>;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * What the editor's credential modal does on "Save" and "Retry": reads the stored credential and
 * posts it to n8n's credential test, which runs the credential type's `test` request.
 */
export async function testStoredCredential(
	session: RestSession,
	id: string,
): Promise<CredentialTestResult> {
	const stored = await session.request<StoredCredential>(
		'GET',
		`credentials/${id}?includeData=true`,
	);
	const { name, type, data } = stored;
	return await session.request<CredentialTestResult>('POST', 'credentials/test', {
		credentials: { id, name, type, data },
	});
}
