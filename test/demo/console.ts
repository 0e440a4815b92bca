import { formatDuration } from '../e2e/runtime/process';

export function say(text = ''): void {
	process.stdout.write(`${text}\n`);
}

/**
 * Runs one set-up step and prints it with its duration, so a slow step is easy to spot; `note`
 * may add a word about the outcome, e.g. that nothing had to change.
 */
export async function step<T>(
	label: string,
	action: () => Promise<T>,
	note: (result: T) => string = () => '',
): Promise<T> {
	const started = Date.now();
	const result = await action();
	const extra = note(result);
	say(`  ok  ${label}${extra ? `: ${extra}` : ''} (${formatDuration(Date.now() - started)})`);
	return result;
}

/** The error and every cause under it: the useful part is often the innermost one. */
export function describeFailure(error: unknown): string {
	const lines: string[] = [];
	for (let current = error; current !== undefined; ) {
		lines.push(current instanceof Error ? current.message : String(current));
		current = current instanceof Error ? current.cause : undefined;
	}
	return lines.join('\n  because: ');
}

/** Entry point wrapper: prints a failure without a stack and exits non-zero. */
export function runMain(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		process.stderr.write(`\n${describeFailure(error)}\n`);
		process.exitCode = 1;
	});
}
