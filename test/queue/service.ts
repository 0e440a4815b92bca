import { setTimeout as sleep } from 'node:timers/promises';

import { cleanEnv } from '../e2e/runtime/env';
import { signalGroup, spawnGroup } from '../e2e/runtime/process';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

export interface ServiceOptions {
	cwd: string;
	/** What makes the server shut down promptly. */
	signal: NodeJS.Signals;
	/** Runs once the server has exited, or failed to start: e.g. deletes its data folder. */
	cleanup: () => Promise<void>;
}

/** Starts a foreground server in its own process group and waits for the line saying it is ready. */
export async function startService(
	name: string,
	command: string[],
	readyLine: RegExp,
	port: number,
	options: ServiceOptions,
): Promise<Service> {
	const lines: string[] = [];
	const child = spawnGroup(command[0], command.slice(1), {
		env: cleanEnv(),
		cwd: options.cwd,
		onLine: (line) => lines.push(line),
	});
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const spawned = new Promise<void>((resolve, reject) => {
		child.once('spawn', resolve);
		child.once('error', (error) =>
			reject(
				new Error(`${name} could not start (${error.message}); see the apt-get line in .ci/run`),
			),
		);
	});
	await spawned.catch(async (error: unknown) => {
		await options.cleanup();
		throw error;
	});
	for (let waited = 0; !lines.some((line) => readyLine.test(line)); waited += 100) {
		if (waited > 30_000 || child.exitCode !== null) {
			signalGroup(child.pid ?? 0, 'SIGKILL');
			await exited;
			await options.cleanup();
			throw new Error(`${name} did not become ready:\n${lines.slice(-20).join('\n')}`);
		}
		await sleep(100);
	}
	return {
		port,
		stop: async () => {
			signalGroup(child.pid ?? 0, options.signal);
			await exited;
			await options.cleanup();
		},
	};
}
