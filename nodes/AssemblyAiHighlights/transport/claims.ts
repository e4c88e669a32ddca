type Turn = { kind: 'send' | 'search'; go: () => void };

/**
 * The transcripts one execution has created, and the order its transcript requests go in.
 *
 * After a lost answer the transcript list is searched for the transcript the request created. The
 * search must not take a transcript that another request of the execution created and is about to
 * be told about: so a search starts only when no other transcript request is in flight, holds new
 * ones back until it is done, and searches run one at a time. Every transcript a request was
 * answered with, or a search took, is claimed, and a search never takes a claimed one.
 */
export class TranscriptClaims {
	private readonly claimed = new Set<string>();
	private sending = 0;
	private searching = false;
	/** Turns not yet given, first come first served. */
	private readonly turns: Turn[] = [];

	has(id: string): boolean {
		return this.claimed.has(id);
	}

	claim(id: string): void {
		this.claimed.add(id);
	}

	/** Sends one transcript request; others may be in flight at the same time, but no search. */
	async send<T>(request: () => Promise<T>): Promise<T> {
		await this.turn('send');
		try {
			return await request();
		} finally {
			this.sending--;
			this.serve();
		}
	}

	/** Runs one search, alone: after every request in flight has settled, before any new one. */
	async search<T>(search: () => Promise<T>): Promise<T> {
		await this.turn('search');
		try {
			return await search();
		} finally {
			this.searching = false;
			this.serve();
		}
	}

	private async turn(kind: Turn['kind']): Promise<void> {
		await new Promise<void>((go) => {
			this.turns.push({ kind, go });
			this.serve();
		});
	}

	private serve(): void {
		for (;;) {
			const next = this.turns[0];
			if (!next || this.searching) return;
			if (next.kind === 'search') {
				if (this.sending > 0) return;
				this.searching = true;
			} else {
				this.sending++;
			}
			this.turns.shift();
			next.go();
		}
	}
}
