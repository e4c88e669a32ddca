/**
 * Milliseconds -> 'm:ss' under an hour, 'h:mm:ss' from an hour. Seconds are floored
 * (3920 -> '0:03'); negative or non-finite input counts as 0.
 */
export function formatTime(ms: number): string {
	const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	const ss = String(seconds).padStart(2, '0');
	if (hours === 0) return `${minutes}:${ss}`;
	return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
}
