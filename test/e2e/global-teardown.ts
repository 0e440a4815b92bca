import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { TARBALL_ENV } from './support/instance';

export default async function globalTeardown(): Promise<void> {
	const tarball = process.env[TARBALL_ENV];
	if (tarball) await rm(dirname(tarball), { recursive: true, force: true });
}
