import { describe, expect, it } from 'vitest';
import { planUpkeep } from '../../soak/upkeep';

const d = (fv: number, devid: number, piece: number, level: number) => ({ fv, devid, piece, level });

describe("soak: the manager's CI-5 upkeep plan", () => {
  it('does nothing while the machine is in its working range', () => {
    expect(planUpkeep([d(500, 1, 30, 2), d(100, 2, 20, 2), d(50, 2, 12, 2)])).toBeNull();
  });

  it('collects a near-full coin recycler down to 40', () => {
    expect(planUpkeep([d(5, 2, 150, 4), d(100, 2, 20, 2)])).toEqual({
      collect: [{ value: '0.05', count: 110 }],
      refill: [],
    });
  });

  it('collects near-full notes down to 20 and refills near-empty change coins up to 30', () => {
    const plan = planUpkeep([
      d(500, 1, 60, 4),
      d(1000, 1, 52, 3),
      d(2000, 1, 16, 2),
      d(100, 2, 2, 1),
      d(200, 2, 0, 0),
      d(1, 2, 0, 0),
    ]);
    expect(plan).toEqual({
      collect: [
        { value: '5.00', count: 40 },
        { value: '10.00', count: 32 },
      ],
      refill: [...Array<number>(28).fill(100), ...Array<number>(30).fill(200), ...Array<number>(30).fill(1)],
    });
  });
});
