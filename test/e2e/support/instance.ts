import {
	createUserFolder,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	removeUserFolder,
	type CredentialImport,
	type N8nContext,
	type WorkflowImport,
} from '../runtime/n8n';

export const TARBALL_ENV = 'TRIGIFY_E2E_TARBALL';

/** The tarball jest's global set-up packed once for every test file. */
export function packedTarball(): string {
	const tarball = process.env[TARBALL_ENV];
	if (!tarball) throw new Error(`${TARBALL_ENV} is not set: run the suite with jest.e2e.config.js`);
	return tarball;
}

/**
 * A fresh n8n user folder with the package installed the way a user installs a community node,
 * and the given credentials and workflows imported through n8n's CLI.
 */
export async function createInstance(
	setup: { credentials?: CredentialImport[]; workflows?: WorkflowImport[] } = {},
): Promise<N8nContext> {
	const context: N8nContext = {
		paths: await ensureRuntime(),
		userFolder: await createUserFolder(),
	};
	let ready = false;
	try {
		await installCommunityPackage(context.paths, context.userFolder, packedTarball());
		if (setup.credentials?.length) await importCredentials(context, setup.credentials);
		if (setup.workflows?.length) await importWorkflows(context, setup.workflows);
		ready = true;
		return context;
	} finally {
		if (!ready) await removeUserFolder(context.userFolder);
	}
}
