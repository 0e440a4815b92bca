import { spawn, type ChildProcess } from 'node:child_process';

export interface RunOptions {
	env: NodeJS.ProcessEnv;
	cwd?: string;
	/** Kills the whole process group when exceeded. */
	timeoutMs?: number;
	/** Called for each complete output line, e.g. to show progress or write a log. */
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	timedOut: boolean;
}

// Children run in their own process group (detached) so that a stop or a timeout also ends what
// they spawned (n8n starts task runners, npm starts node-gyp and make). Being detached, they do not
// get the terminal's Ctrl-C either, so they are ended when this process exits or is signalled:
// nothing is left behind even when a run is interrupted.
const liveGroups = new Set<number>();
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function killLiveGroups(): void {
	for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
	liveGroups.clear();
}

function onSignal(signal: NodeJS.Signals): void {
	killLiveGroups();
	for (const each of FORWARDED_SIGNALS) process.removeListener(each, onSignal);
	// Raised again so the signal does what it would have done without this handler.
	process.kill(process.pid, signal);
}

process.once('exit', killLiveGroups);
for (const signal of FORWARDED_SIGNALS) process.once(signal, onSignal);

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

export function spawnGroup(
	command: string,
	args: string[],
	options: Omit<RunOptions, 'timeoutMs'>,
): ChildProcess {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.setEncoding('utf8');
	child.stderr?.setEncoding('utf8');
	const pgid = child.pid;
	if (pgid !== undefined) {
		liveGroups.add(pgid);
		// The leader exiting does not end the group: finish off any stragglers it left.
		child.once('exit', () => {
			signalGroup(pgid, 'SIGKILL');
			liveGroups.delete(pgid);
		});
	}
	if (options.onLine) {
		forwardLines(child, 'stdout', options.onLine);
		forwardLines(child, 'stderr', options.onLine);
	}
	return child;
}

function forwardLines(
	child: ChildProcess,
	stream: 'stdout' | 'stderr',
	onLine: NonNullable<RunOptions['onLine']>,
): void {
	let pending = '';
	child[stream]?.on('data', (chunk: string) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) onLine(line, stream);
	});
	child[stream]?.on('end', () => {
		if (pending) onLine(pending, stream);
	});
}

export async function run(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const child = spawnGroup(command, args, options);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: string) => (stdout += chunk));
	child.stderr?.on('data', (chunk: string) => (stderr += chunk));
	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
				}, options.timeoutMs);
	return await new Promise<RunResult>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
