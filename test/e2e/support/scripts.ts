import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { run, signalGroup, spawnGroup, type RunResult } from '../runtime/process';
import { REPO_ROOT } from './package';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

/** What `npm start` and `npm run demo` run after the build, with their data in `dataDir`. */
function scriptEnv(dataDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, TRIGIFY_DEMO_DIR: dataDir, N8N_PORT: '0' };
	// A developer's real key must never reach a test run.
	delete env.TRIGIFY_API_KEY;
	delete env.TRIGIFY_BASE_URL;
	return env;
}

export async function runDemo(dataDir: string): Promise<RunResult> {
	return await run(TSX, [join(REPO_ROOT, 'test', 'demo', 'demo.ts')], {
		cwd: REPO_ROOT,
		env: scriptEnv(dataDir),
		timeoutMs: 300_000,
	});
}

export interface StartedScript {
	/** The process group: tsx, the script, and everything they started. */
	pid: number;
	output(): string;
	/** Resolves with the first match of `pattern` in the output so far or to come. */
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	/** Sends `signal` to the whole group, as a terminal's Ctrl-C does, and waits for the exit. */
	interrupt(signal?: NodeJS.Signals): Promise<number | null>;
	/**
	 * For clean-up after a failure: Ctrl-C first, since only the script can stop the n8n it
	 * started in a group of its own, then SIGKILL if it does not exit in time.
	 */
	stop(): Promise<void>;
}

export function startScript(dataDir: string): StartedScript {
	let output = '';
	const child: ChildProcess = spawnGroup(TSX, [join(REPO_ROOT, 'test', 'demo', 'start.ts')], {
		cwd: REPO_ROOT,
		env: scriptEnv(dataDir),
		onLine: (line) => (output += `${line}\n`),
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error('could not spawn the start script');
	let exitCode: number | null | undefined;
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve((exitCode = code))),
	);
	return {
		pid,
		output: () => output,
		waitFor: async (pattern, timeoutMs = 240_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const match = output.match(pattern);
				if (match) return match;
				if (exitCode !== undefined || Date.now() > deadline) {
					const why = exitCode !== undefined ? `exited with ${exitCode}` : 'timed out';
					throw new Error(`start script ${why} before printing ${pattern}:\n${output}`);
				}
				await sleep(200);
			}
		},
		interrupt: async (signal = 'SIGINT') => {
			signalGroup(pid, signal);
			return await exited;
		},
		stop: async () => {
			if (exitCode !== undefined) return;
			signalGroup(pid, 'SIGINT');
			const stopped = await Promise.race([
				exited.then(() => true),
				sleep(30_000, false, { ref: false }),
			]);
			if (!stopped) signalGroup(pid, 'SIGKILL');
		},
	};
}
