import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { extname, resolve } from 'node:path';

import { SandboxAdminClient } from '../sandbox';

export const SANDBOX_KEY = 'trig_sandbox_enterprise';

// The CLI next to this file: compiled JavaScript under `npm run bench`, TypeScript under tsx, whose
// loader is in execArgv then. (test/sandbox/test-support.ts always starts the .ts from the clone.)
const CLI = resolve(__dirname, '..', 'sandbox', `cli${extname(__filename)}`);

export interface SandboxChild {
	url: string;
	admin: SandboxAdminClient;
	stop(): Promise<void>;
}

/**
 * Starts the sandbox CLI in its own process, so its request handling never shares the event loop
 * (or the CPU time accounting) of the client being measured. The flags come from the caller:
 * `--ephemeral` or `--data-dir`, and `--rate-limit off` for anything that measures a client.
 */
export function startSandboxChild(flags: string[]): Promise<SandboxChild> {
	const child: ChildProcess = spawn(
		process.execPath,
		[...process.execArgv, CLI, '--port', '0', ...flags],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
	const stop = async (): Promise<void> => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	return new Promise((resolveStart, reject) => {
		let output = '';
		const onExit = (code: number | null): void =>
			reject(new Error(`The sandbox exited with ${code} before listening: ${output}`));
		const onData = (chunk: Buffer): void => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match === null) return;
			child.stdout?.off('data', onData);
			child.stdout?.resume();
			child.off('exit', onExit);
			resolveStart({ url: match[1], admin: new SandboxAdminClient(match[1]), stop });
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', onExit);
	});
}
