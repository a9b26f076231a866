import { describe, expect, it } from 'vitest';

import { Pacer } from '../../src/api/pacing.js';

/** Creates a fake clock whose sleep advances time, so pacing runs instantly and exactly. */
function fakeClock(start = 1_700_000_000_000) {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

async function sendTimes(pacer: Pacer, clock: ReturnType<typeof fakeClock>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    await pacer.acquire();
    times.push(clock.time);
  }
  return times;
}

describe('Pacer', () => {
  it('lets a burst of a tenth of the rate through at once', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requestsPerMinute: 360, now: clock.now, sleep: clock.sleep });
    const times = await sendTimes(pacer, clock, 36);
    expect(times.at(-1)).toBe(clock.time);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps every 60-second window under the limit', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requestsPerMinute: 360, now: clock.now, sleep: clock.sleep });
    const times = await sendTimes(pacer, clock, 1000);
    let maxInWindow = 0;
    for (let start = 0; start < times.length; start += 1) {
      const end = times.findIndex((time) => time >= (times[start] ?? 0) + 60_000);
      maxInWindow = Math.max(maxInWindow, (end === -1 ? times.length : end) - start);
    }
    expect(maxInWindow).toBeLessThanOrEqual(360);
  });

  it('sustains close to the configured rate', async () => {
    const clock = fakeClock();
    const start = clock.time;
    const pacer = new Pacer({ requestsPerMinute: 120, now: clock.now, sleep: clock.sleep });
    await sendTimes(pacer, clock, 120);
    const elapsedMs = clock.time - start;
    expect(elapsedMs).toBeGreaterThanOrEqual(59_000);
    expect(elapsedMs).toBeLessThanOrEqual(61_000);
  });

  it('waits for the window reset when the server has nothing left', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requestsPerMinute: 360, now: clock.now, sleep: clock.sleep });
    const resetSeconds = Math.floor(clock.time / 1000) + 20;
    pacer.observe('0', String(resetSeconds));
    await pacer.acquire();
    expect(clock.time).toBeGreaterThanOrEqual(resetSeconds * 1000);
  });

  it('spreads the last requests of a nearly spent window', async () => {
    const clock = fakeClock(1_700_000_000_000);
    const pacer = new Pacer({ requestsPerMinute: 360, now: clock.now, sleep: clock.sleep });
    pacer.observe('4', String(clock.time / 1000 + 10));
    await pacer.acquire();
    expect(clock.time).toBe(1_700_000_000_000 + 2000);
  });

  it('ignores headers while the server has plenty left', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requestsPerMinute: 360, now: clock.now, sleep: clock.sleep });
    pacer.observe('200', String(clock.time / 1000 + 30));
    await pacer.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('serves concurrent callers in order', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ requestsPerMinute: 60, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map((index) => pacer.acquire().then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
