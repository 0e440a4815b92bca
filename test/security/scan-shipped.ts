import ts from 'typescript';

/** Modules the compiled package may load: the peer n8n provides, and its own files. */
const ALLOWED_MODULES = new Set(['n8n-workflow']);
// Reaching the host: environment, files, processes, and code built at run time.
const FORBIDDEN_IDENTIFIERS = new Set([
	'process',
	'globalThis',
	'global',
	'eval',
	'Function',
	'__non_webpack_require__',
]);

export interface Finding {
	line: number;
	problem: string;
}

function allowedSpecifier(specifier: string): boolean {
	return (
		specifier.startsWith('./') || specifier.startsWith('../') || ALLOWED_MODULES.has(specifier)
	);
}

/**
 * Walks the syntax tree of compiled JavaScript (so comments and strings that merely mention a
 * name do not count) and reports every use of process, fs, child_process or other Node modules,
 * and every require or import whose module is not a literal the package is allowed to load.
 */
export function scanShippedCode(fileName: string, text: string): Finding[] {
	const source = ts.createSourceFile(
		fileName,
		text,
		ts.ScriptTarget.ES2022,
		true,
		ts.ScriptKind.JS,
	);
	const findings: Finding[] = [];
	const report = (node: ts.Node, problem: string) =>
		findings.push({
			line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
			problem,
		});

	const visit = (node: ts.Node): void => {
		if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
			report(node, 'dynamic import()');
		} else if (
			ts.isCallExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'require'
		) {
			const [argument] = node.arguments;
			if (argument === undefined || !ts.isStringLiteral(argument))
				report(node, 'require() of a computed module name');
			else if (!allowedSpecifier(argument.text)) report(node, `require("${argument.text}")`);
			node.arguments.forEach(visit);
			return;
		} else if (ts.isIdentifier(node) && node.text === 'require') {
			report(node, 'require used other than as a direct call');
		} else if (
			ts.isIdentifier(node) &&
			FORBIDDEN_IDENTIFIERS.has(node.text) &&
			!isPropertyName(node)
		) {
			report(node, `use of ${node.text}`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return findings;
}

/** `x.process` or `{ process: 1 }` name a property, not the global. */
function isPropertyName(node: ts.Identifier): boolean {
	const parent = node.parent;
	return (
		(ts.isPropertyAccessExpression(parent) && parent.name === node) ||
		(ts.isPropertyAssignment(parent) && parent.name === node) ||
		(ts.isMethodDeclaration(parent) && parent.name === node)
	);
}
