import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureRuntime } from './runtime/n8n';
import { printToStdout } from './runtime/progress';
import { TARBALL_ENV } from './support/instance';
import { packPackage } from './support/package';

// Once per run, outside any test's timeout: the runtime (minutes on a fresh machine) and the
// tarball every test file installs into its own n8n user folder.
export default async function globalSetup(): Promise<void> {
	await ensureRuntime(printToStdout);
	const folder = await mkdtemp(join(tmpdir(), 'trigify-e2e-pack-'));
	process.env[TARBALL_ENV] = await packPackage(folder);
}
