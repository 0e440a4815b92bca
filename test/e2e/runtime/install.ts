import {
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { InstallError, installInto } from './install-steps';
import { cacheDir, runtimePaths, type RuntimePaths } from './paths';
import { formatDuration } from './process';
import { printToStdout, type Print } from './progress';
import { N8N_VERSION, NODE_VERSION, RUNTIME_NAME } from './versions';

export { InstallError } from './install-steps';
export type { RuntimePaths } from './paths';

interface Marker {
	n8n: string;
	node: string;
	installedAt: string;
	seconds: Record<string, number>;
}

export function isRuntimeComplete(paths: RuntimePaths): boolean {
	if (!existsSync(paths.marker) || !existsSync(paths.nodeExe) || !existsSync(paths.n8nScript)) {
		return false;
	}
	try {
		const marker = JSON.parse(readFileSync(paths.marker, 'utf8')) as Partial<Marker>;
		return marker.n8n === N8N_VERSION && marker.node === NODE_VERSION;
	} catch {
		return false;
	}
}

/**
 * Returns the pinned runtime, installing it first when the cache has no complete copy. The install
 * happens in a private sibling folder that is renamed into place only once everything, the marker
 * last, is written, so an interrupted or concurrent install never leaves a folder that looks done.
 */
export async function ensureRuntime(print: Print = () => undefined): Promise<RuntimePaths> {
	const final = runtimePaths();
	if (isRuntimeComplete(final)) return final;

	mkdirSync(cacheDir(), { recursive: true });
	removeAbandonedInstalls();
	const partial = runtimePaths(`${final.root}.partial-${process.pid}`);
	const logFile = join(cacheDir(), `${RUNTIME_NAME}.install.log`);
	writeFileSync(logFile, `install of ${RUNTIME_NAME} started ${new Date().toISOString()}\n`);
	print(`Installing n8n ${N8N_VERSION} on Node ${NODE_VERSION} (about 5 minutes, 3 GB)\n`);
	print(`  into ${final.root}\n  log: ${logFile}\n`);
	let installed = false;
	try {
		const seconds = await installInto(partial, logFile, print);
		const marker: Marker = {
			n8n: N8N_VERSION,
			node: NODE_VERSION,
			installedAt: new Date().toISOString(),
			seconds,
		};
		writeFileSync(partial.marker, JSON.stringify(marker, null, '\t') + '\n');
		moveIntoPlace(partial.root, final);
		installed = true;
	} finally {
		if (!installed) rmSync(partial.root, { recursive: true, force: true });
	}
	return final;
}

function moveIntoPlace(partialRoot: string, final: RuntimePaths): void {
	if (isRuntimeComplete(final)) {
		// Another process finished the same install first: keep its copy.
		rmSync(partialRoot, { recursive: true, force: true });
		return;
	}
	rmSync(final.root, { recursive: true, force: true });
	renameSync(partialRoot, final.root);
}

function removeAbandonedInstalls(): void {
	const prefix = `${RUNTIME_NAME}.partial-`;
	for (const entry of readdirSync(cacheDir())) {
		if (!entry.startsWith(prefix)) continue;
		const pid = Number(entry.slice(prefix.length));
		if (!isAlive(pid)) rmSync(join(cacheDir(), entry), { recursive: true, force: true });
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function logTail(logFile: string, lines: number): string {
	if (!existsSync(logFile)) return '';
	return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function main(): Promise<void> {
	const started = Date.now();
	const paths = runtimePaths();
	if (isRuntimeComplete(paths)) {
		printToStdout(
			`n8n ${N8N_VERSION} on Node ${NODE_VERSION} is already installed at ${paths.root}\n`,
		);
		return;
	}
	await ensureRuntime(printToStdout);
	printToStdout(`Runtime ready in ${formatDuration(Date.now() - started)}: ${paths.root}\n`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`\nCould not install the n8n runtime: ${message}\n`);
		process.stderr.write('The partial install was removed; running this again starts afresh.\n');
		if (error instanceof InstallError) {
			process.stderr.write(
				`--- last lines of ${error.logFile} ---\n${logTail(error.logFile, 40)}\n`,
			);
		}
		process.exitCode = 1;
	});
}
