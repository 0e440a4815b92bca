import { mkdir } from 'node:fs/promises';

import {
	ensureRuntime,
	importCredentials,
	importWorkflows,
	runN8n,
	type CredentialImport,
	type N8nContext,
} from '../e2e/runtime/n8n';
import { printToStdout } from '../e2e/runtime/progress';
import { installPackageIfChanged, packPackage } from '../e2e/support/package';
import { EXAMPLE_WORKFLOW_ID, exampleWorkflow, withCredential } from '../e2e/support/workflows';
import { step } from './console';
import type { DemoSettings } from './settings';

async function hasWorkflow(context: N8nContext, id: string): Promise<boolean> {
	const { stdout } = await runN8n(context, ['list:workflow', '--onlyId']);
	return stdout.split('\n').some((line) => line.trim() === id);
}

/**
 * Brings the demo's n8n user folder up to date, safe to repeat: the package as a user installs a
 * community node (again only when the build changed), the credential (always, since the sandbox
 * port or the key may differ from last time), and the example workflow only when it is missing,
 * so changes made to it in the editor survive a restart.
 */
export async function provision(
	settings: DemoSettings,
	credential: CredentialImport,
): Promise<N8nContext> {
	const paths = await step('n8n runtime', () => ensureRuntime(printToStdout));
	const context: N8nContext = { paths, userFolder: settings.userFolder };
	await mkdir(settings.userFolder, { recursive: true });
	const tarball = await step('package packed', () => packPackage(settings.packageDir));
	await step(
		'package installed as a community node',
		() => installPackageIfChanged(paths, settings.userFolder, tarball),
		(installed) => (installed ? '' : 'unchanged since the last run'),
	);
	await step(`credential "${credential.name}"`, () => importCredentials(context, [credential]));
	await step(
		'example workflow',
		async () => {
			if (await hasWorkflow(context, EXAMPLE_WORKFLOW_ID)) return false;
			const reference = { id: credential.id, name: credential.name };
			await importWorkflows(context, [withCredential(exampleWorkflow(), reference)]);
			return true;
		},
		(imported) => (imported ? 'imported' : 'already there, kept as it is'),
	);
	return context;
}
