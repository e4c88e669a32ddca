/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark code runs in Node, never inside n8n */
/**
 * Peak RSS growth of this process over a stretch of work: the kernel's high-water mark (VmHWM, reset
 * through /proc/self/clear_refs at the start, so no short peak is missed) and 2 ms samples of RSS and
 * of Buffer memory (arrayBuffers). Start it after gc(), when the baseline is what should not count.
 */
import { readFileSync, writeFileSync } from 'fs';

/** KiB fields of /proc/self/status, in bytes. */
function procStatus(field: 'VmRSS' | 'VmHWM'): number {
	const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
	return m ? Number(m[1]) * 1024 : NaN;
}

function resetPeakRss(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export interface PeakMemory {
	baseline: NodeJS.MemoryUsage;
	peakRssGrowth: number;
	peakRssGrowthSampled: number;
	peakArrayBuffersGrowth: number;
	peakRssFrom: string;
}

export function watchPeakMemory(): { stop(): PeakMemory } {
	const baseline = process.memoryUsage();
	let peakRssSampled = baseline.rss;
	let peakBuffers = baseline.arrayBuffers;
	const hwmReset = resetPeakRss();
	const sample = () => {
		const now = process.memoryUsage();
		peakRssSampled = Math.max(peakRssSampled, now.rss);
		peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
	};
	const sampler = setInterval(sample, 2);
	return {
		stop() {
			clearInterval(sampler);
			sample();
			const peakRss = hwmReset ? Math.max(procStatus('VmHWM'), peakRssSampled) : peakRssSampled;
			return {
				baseline,
				peakRssGrowth: peakRss - baseline.rss,
				peakRssGrowthSampled: peakRssSampled - baseline.rss,
				peakArrayBuffersGrowth: peakBuffers - baseline.arrayBuffers,
				peakRssFrom: hwmReset ? 'VmHWM (kernel) and 2 ms samples' : '2 ms samples',
			};
		},
	};
}
