const { src, dest, series } = require('gulp');
const { rm } = require('node:fs/promises');

// tsc only emits TypeScript; n8n also needs the icons and codex files beside the compiled node.
const ASSETS = ['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'];

function clean() {
	return rm('dist', { recursive: true, force: true });
}

function assets() {
	return src(ASSETS, { base: '.', encoding: false }).pipe(dest('dist'));
}

exports.clean = clean;
exports.assets = assets;
exports.default = series(clean, assets);
