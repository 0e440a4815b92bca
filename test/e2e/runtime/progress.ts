import { appendFileSync } from 'node:fs';

import { formatDuration, run, type RunOptions, type RunResult } from './process';

export type Print = (text: string) => void;

export const printToStdout: Print = (text) => {
	process.stdout.write(text);
};

// npm prints nothing until it is done unless asked for http-level logs; counting those requests
// is the only sign of life during a multi-minute install, so they go to the log file and only a
// ticking summary goes to the terminal (a line every 30 s when not on a terminal, e.g. in CI).
export async function runPhase(
	label: string,
	command: string,
	args: string[],
	options: RunOptions & { logFile: string; print: Print },
): Promise<RunResult & { ms: number }> {
	const { logFile, print } = options;
	const started = Date.now();
	const tty = process.stdout.isTTY === true;
	let requests = 0;
	let warnings = 0;
	const status = () =>
		`  ${label}: ${formatDuration(Date.now() - started)}, ${requests} registry requests` +
		(warnings ? `, ${warnings} npm warnings (see log)` : '');
	appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
	const ticker = setInterval(
		() => print(tty ? `\r${status()}` : `${status()}\n`),
		tty ? 1000 : 30_000,
	);
	try {
		const result = await run(command, args, {
			...options,
			onLine: (line) => {
				appendFileSync(logFile, line + '\n');
				if (line.startsWith('npm http fetch')) requests++;
				if (line.startsWith('npm warn')) warnings++;
			},
		});
		const ms = Date.now() - started;
		print(`${tty ? '\r' : ''}${status()} -> ${result.code === 0 ? 'done' : 'FAILED'}\n`);
		return { ...result, ms };
	} finally {
		clearInterval(ticker);
	}
}
