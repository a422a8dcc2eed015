/** The bench's one table, as Markdown, exactly as the README quotes it. */
import type { Measured } from './measure.mts';

export interface Row extends Measured {
	flow: string;
	n: number;
	tier: number;
	/** The least the job can cost at the tier: import (or listing) calls, and their seconds. */
	floorCalls: number;
	floorWhat: string;
	floorSeconds: number;
	ratio: number;
	/** Push rows: wall time against the imports alone. */
	importsRatio?: number;
}

const int = new Intl.NumberFormat('en-US');

/** `ss POST /api/orders/import` → `ss POST orders/import`. */
function shortEndpoint(key: string): string {
	return key.replace('/tenants/:tenantId/', '/').replace(' /api/', ' /').replace(/ \//, ' ');
}

export function callsCell(row: Pick<Row, 'calls' | 'starshipit429'>): string {
	const parts = Object.entries(row.calls)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([endpoint, count]) => `${shortEndpoint(endpoint)} ${int.format(count)}`);
	if (row.starshipit429 > 0) parts.push(`(ss 429s: ${int.format(row.starshipit429)})`);
	return parts.join('; ');
}

export function formatTable(rows: Row[]): string {
	const header = [
		'Flow',
		'N',
		'Tier',
		'Wall',
		'Floor (the calls the job needs, at the tier)',
		'Ratio',
		'Ratio to the imports alone',
		'Calls per endpoint',
		'CPU s',
		'Peak RSS',
	];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	for (const row of rows) {
		const cells = [
			row.flow,
			int.format(row.n),
			`${row.tier}/s`,
			`${row.wallMs >= 10_000 ? Math.round(row.wallMs / 1000) : (row.wallMs / 1000).toFixed(1)} s`,
			`${row.floorSeconds.toFixed(1)} s (${row.importsRatio === undefined ? `${int.format(row.floorCalls)} ${row.floorWhat}` : `${int.format(row.floorCalls)} calls: ${row.floorWhat}`})`,
			`${row.ratio.toFixed(2)}x`,
			row.importsRatio === undefined ? '–' : `${row.importsRatio.toFixed(2)}x`,
			callsCell(row),
			(row.cpuMs / 1000).toFixed(1),
			`${Math.round(row.peakRssMb)} MB`,
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}
