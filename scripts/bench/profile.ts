/**
 * `--profile`: a CPU profile (DevTools Profiler) of one full pipeline pass on a page, summed by
 * function and by lib/ module, so a budget that fails can be traced to the code that costs.
 * esbuild marks where each module starts in the bundle with a `// path` comment; a sample's
 * line is mapped back to the module that holds it.
 */

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  name: string;
  module: string;
  selfMs: number;
}

/** Line numbers (0-based) where each module of an esbuild bundle starts. */
export function moduleStarts(bundle: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const match = /^\s*\/\/ ((?:lib|scripts|node_modules|components)\/\S+\.[cm]?[jt]sx?)$/.exec(
      text,
    );
    if (match) starts.push({ line, module: match[1]! });
  });
  return starts;
}

function moduleAt(starts: readonly { line: number; module: string }[], line: number): string {
  let found = '(bundle)';
  for (const start of starts) {
    if (start.line > line) break;
    found = start.module;
  }
  return found;
}

/** Self time per function and per module, most expensive first. */
export function hotSpots(profile: CpuProfile, bundleUrl: string, bundle: string) {
  const starts = moduleStarts(bundle);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + ms);
  }
  const functions = new Map<string, HotSpot>();
  const modules = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const module =
      frame.url === bundleUrl
        ? moduleAt(starts, frame.lineNumber)
        : frame.url || `(${frame.functionName || 'native'})`;
    const name = frame.functionName || '(anonymous)';
    const key = `${module}\u0000${name}\u0000${frame.lineNumber}`;
    const spot = functions.get(key) ?? { name, module, selfMs: 0 };
    spot.selfMs += ms;
    functions.set(key, spot);
    modules.set(module, (modules.get(module) ?? 0) + ms);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
    modules: [...modules.entries()]
      .map(([module, selfMs]) => ({ module, selfMs }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function formatHotSpots(page: string, spots: ReturnType<typeof hotSpots>, top = 15): string {
  const lines = [`profile of one pipeline pass on ${page}: ${spots.totalMs.toFixed(1)} ms`];
  lines.push('  by module (self time):');
  for (const m of spots.modules.slice(0, 8)) {
    lines.push(`    ${m.selfMs.toFixed(1).padStart(8)} ms  ${m.module}`);
  }
  lines.push('  by function (self time):');
  for (const f of spots.functions.slice(0, top)) {
    lines.push(`    ${f.selfMs.toFixed(1).padStart(8)} ms  ${f.name}  (${f.module})`);
  }
  return lines.join('\n');
}
