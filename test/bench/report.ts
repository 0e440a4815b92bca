/** Figures printed by the benchmarks: one aligned line each, never asserted. */
export function line(label: string, value: string): void {
	process.stdout.write(`  ${label.padEnd(44)} ${value}\n`);
}

export function heading(title: string): void {
	process.stdout.write(`\n${title}\n`);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function peakRssMb(): number {
	return process.resourceUsage().maxRSS / 1024;
}
