import { benchPlanning } from './plan.bench';
import { benchSandbox } from './sandbox.bench';

const BENCHES: Record<string, () => Promise<void>> = {
	planning: benchPlanning,
	sandbox: benchSandbox,
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
