import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanEnv } from '../e2e/runtime/env';
import { freePort } from '../e2e/runtime/ports';
import { run } from '../e2e/runtime/process';
import { startService } from './service';
import type { Service } from './service';

/** Debian keeps the server binaries out of PATH, one folder per major version. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = (existsSync(root) ? readdirSync(root) : [])
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	if (versions.length === 0)
		throw new Error(`No PostgreSQL in ${root}: apt-get install postgresql`);
	return join(root, versions[0], 'bin');
}

/** initdb and postgres refuse to run as root: as root, run them as Debian's postgres user. */
async function asPostgresUser(folder: string): Promise<string[]> {
	if (process.getuid?.() !== 0) return [];
	const entry = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((line) => line.startsWith('postgres:'));
	if (entry === undefined) throw new Error('No postgres user: apt-get install postgresql');
	const [, , uid, gid] = entry.split(':');
	await chown(folder, Number(uid), Number(gid));
	return ['runuser', '-u', 'postgres', '--'];
}

export interface Postgres extends Service {
	/** What n8n needs to use it (DB_*). */
	env: NodeJS.ProcessEnv;
}

/** A throw-away PostgreSQL cluster in a temp folder on a free loopback port, trusting local users. */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const folder = await mkdtemp(join(tmpdir(), 'trigify-pg-'));
	const data = join(folder, 'data');
	const as = await asPostgresUser(folder);
	const initdb = [
		...as,
		join(bin, 'initdb'),
		'-D',
		data,
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	];
	const init = await run(initdb[0], initdb.slice(1), {
		env: cleanEnv(),
		cwd: folder,
		timeoutMs: 60_000,
	});
	if (init.code !== 0) throw new Error(`initdb failed:\n${init.stderr}`);
	const port = await freePort();
	// Durability is pointless for a database deleted after the test.
	const settings = [
		`port=${port}`,
		'listen_addresses=127.0.0.1',
		`unix_socket_directories=${folder}`,
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
	];
	const server = await startService(
		'postgres',
		[...as, join(bin, 'postgres'), '-D', data, ...settings.flatMap((setting) => ['-c', setting])],
		/ready to accept connections/,
		port,
		{
			cwd: folder,
			// SIGINT is PostgreSQL's fast shutdown: it does not wait for n8n's pooled connections.
			signal: 'SIGINT',
			cleanup: () => rm(folder, { recursive: true, force: true }),
		},
	);
	return {
		...server,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}
