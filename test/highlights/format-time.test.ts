import { formatTime } from '../../nodes/AssemblyAiHighlights/highlights';

describe('formatTime: m:ss under an hour, h:mm:ss from an hour, seconds floored', () => {
	it.each([
		[0, '0:00'],
		[999, '0:00'],
		[3920, '0:03'],
		[59999, '0:59'],
		[60000, '1:00'],
		[229530, '3:49'],
		[600000, '10:00'],
		[3599999, '59:59'],
		[3600000, '1:00:00'],
		[3661000, '1:01:01'],
		[36000000, '10:00:00'],
	])('%d ms -> %s', (ms, expected) => {
		expect(formatTime(ms)).toBe(expected);
	});

	it('treats negative and non-finite input as 0 rather than printing nonsense', () => {
		expect(formatTime(-5)).toBe('0:00');
		expect(formatTime(Number.NaN)).toBe('0:00');
		expect(formatTime(Number.POSITIVE_INFINITY)).toBe('0:00');
	});
});
