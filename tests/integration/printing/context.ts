import { openTestContext, type TestContext } from '../../helpers/context';

/** A real CoreContext on a real SQLite file (all migrations), without the rest of the core. */
export const printingContext = (dataDir: string): Promise<TestContext> => openTestContext(dataDir);

export async function until(cond: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
