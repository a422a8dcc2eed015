/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and names where the time went: self time per
 * function, and how much of it is our own code (the package's compiled nodes and credentials).
 */
import fs from 'node:fs';
import path from 'node:path';

interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
	}>;
	samples: number[];
	timeDeltas: number[];
}

export interface FunctionTime {
	name: string;
	where: string;
	ms: number;
	ours: boolean;
}

export interface ProfileSummary {
	totalMs: number;
	oursMs: number;
	top: FunctionTime[];
	topOurs: FunctionTime[];
}

export function summarizeProfile(file: string, root: string, topCount = 10): ProfileSummary {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) =>
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
	);
	const ourDist = `${path.join(root, 'dist')}${path.sep}`;
	const functions = new Map<string, FunctionTime>();
	for (const [id, us] of selfUs) {
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
		const where = file ? `${path.relative(root, file)}:${lineNumber + 1}` : '(native)';
		const key = `${functionName}@${where}`;
		const entry = functions.get(key) ?? {
			name: functionName || '(anonymous)',
			where,
			ms: 0,
			ours: file.startsWith(ourDist),
		};
		entry.ms += us / 1000;
		functions.set(key, entry);
	}
	// (idle) and (program) are V8's bookkeeping, not CPU spent on the work.
	const all = [...functions.values()]
		.filter((f) => f.name !== '(idle)' && f.name !== '(program)')
		.sort((a, b) => b.ms - a.ms);
	const ours = all.filter((f) => f.ours);
	return {
		totalMs: all.reduce((sum, f) => sum + f.ms, 0),
		oursMs: ours.reduce((sum, f) => sum + f.ms, 0),
		top: all.slice(0, topCount),
		topOurs: ours.slice(0, topCount),
	};
}
