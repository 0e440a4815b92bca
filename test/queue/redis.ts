import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../e2e/runtime/ports';
import { startService } from './service';
import type { Service } from './service';

/** Redis from Debian's redis-server on a free loopback port, memory only. */
export async function startRedis(): Promise<Service> {
	const port = await freePort();
	const dir = await mkdtemp(join(tmpdir(), 'trigify-redis-'));
	const command = ['redis-server', '--port', String(port), '--bind', '127.0.0.1'];
	return await startService(
		'redis-server',
		[...command, '--save', '', '--appendonly', 'no'],
		/Ready to accept connections/,
		port,
		{
			cwd: dir,
			signal: 'SIGTERM',
			cleanup: () => rm(dir, { recursive: true, force: true }),
		},
	);
}
