import { setTimeout as sleep } from 'node:timers/promises';

import type { N8nContext } from './cli';
import { n8nEnv } from './env';
import { freePort } from './ports';
import { signalGroup, spawnGroup } from './process';

export interface N8nServer {
	/** e.g. http://127.0.0.1:41234 (no trailing slash). */
	url: string;
	port: number;
	/** The process group id: n8n plus its task runners. */
	pid: number;
	/** Everything n8n printed so far, for failure messages and debugging. */
	output(): string;
	/** SIGTERM to the group (n8n shuts its runners down), SIGKILL after `graceMs`. */
	stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
	/** Defaults to a free port; the demo passes 5678 so the editor URL is the familiar one. */
	port?: number;
	timeoutMs?: number;
	/** Extra environment, e.g. N8N_INSTANCE_OWNER_* for an owner created at start. */
	env?: NodeJS.ProcessEnv;
	/** Receives n8n's output lines as they come, e.g. to show them in the demo. */
	onLine?: (line: string) => void;
}

/** Starts `n8n start` in the background, bound to 127.0.0.1, and resolves once it is ready. */
export async function startServer(
	context: N8nContext,
	options: StartOptions = {},
): Promise<N8nServer> {
	const port = options.port ?? (await freePort());
	const env = {
		...n8nEnv(context.paths, context.userFolder, { http: port, broker: await freePort() }),
		...options.env,
	};
	const log: string[] = [];
	const child = spawnGroup(context.paths.nodeExe, [context.paths.n8nScript, 'start'], {
		env,
		cwd: context.userFolder,
		onLine: (line) => {
			log.push(line);
			options.onLine?.(line);
		},
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error('n8n start could not be spawned');
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let hasExited = false;
	void exited.then(() => (hasExited = true));

	const server: N8nServer = {
		url: `http://127.0.0.1:${port}`,
		port,
		pid,
		output: () => log.join('\n'),
		stop: async (graceMs = 20_000) => {
			if (hasExited) return;
			signalGroup(pid, 'SIGTERM');
			const stopped = await Promise.race([
				exited.then(() => true),
				sleep(graceMs, false, { ref: false }),
			]);
			if (!stopped) signalGroup(pid, 'SIGKILL');
			await exited;
			// The runners may outlive their parent for a moment: finish the group off.
			signalGroup(pid, 'SIGKILL');
		},
	};

	const deadline = Date.now() + (options.timeoutMs ?? 120_000);
	while (!(await isReady(server.url))) {
		if (hasExited || Date.now() > deadline) {
			await server.stop(0);
			const why = hasExited ? 'exited' : 'did not become ready in time';
			throw new Error(`n8n start ${why}; its output:\n${log.slice(-40).join('\n')}`);
		}
		await sleep(250);
	}
	return server;
}

// /healthz answers as soon as the HTTP server listens; /healthz/readiness also waits for the
// database and migrations, after which the REST API and the editor can be used.
async function isReady(url: string): Promise<boolean> {
	for (const path of ['/healthz', '/healthz/readiness']) {
		try {
			const response = await fetch(url + path, { signal: AbortSignal.timeout(2000) });
			if (!response.ok) return false;
		} catch {
			return false;
		}
	}
	return true;
}

/** True while any process of the group is alive: after `stop()` this must be false. */
export function isGroupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}
