// `tsc` emits only JavaScript; n8n also needs each node's and credential's icons beside the
// compiled files (their `icon: 'file:…'` paths are relative to the .js file).
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
