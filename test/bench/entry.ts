// Loaded on demand, so a benchmark's peak RSS holds only what it imports (n8n-core is large) and
// the engine benchmarks can set n8n's environment before n8n-core loads.
const BENCHES: Record<string, () => Promise<void>> = {
	planning: async () => await (await import('./plan.bench')).benchPlanning(),
	sandbox: async () => await (await import('./sandbox.bench')).benchSandbox(),
	engine: async () => await (await import('./engine.bench')).benchEngine(),
	'engine-memory-10k': async () =>
		await (await import('./engine-memory.bench')).benchEngineMemory(10_000),
	'engine-memory-100k': async () =>
		await (await import('./engine-memory.bench')).benchEngineMemory(100_000),
	n8n: async () => await (await import('./n8n.bench')).benchN8n(),
};

const name = process.argv[2];
const bench = BENCHES[name];
if (bench === undefined) {
	process.stderr.write(`Unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}\n`);
	process.exit(2);
}
bench().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${String(error)}\n`);
		process.exit(1);
	},
);
