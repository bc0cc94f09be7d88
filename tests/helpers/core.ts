import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log/logger';
import type { CallContext } from '../../electron/core/rpc/dispatch';
import type { Channel, Input, Output } from '../../shared/api';
import { PosError } from '../../shared/errors';
import { tempDir } from './tmp';

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Calls a channel through the real dispatcher; throws the PosError on refusal. */
  call<C extends Channel>(channel: C, input: Input<C>, session?: string | null): Promise<Output<C>>;
  /** Logs in a demo operator (1 = Ana Caixa/1111, 2 = Rui Gerente/9999) and returns the session token. */
  login(who?: 'caixa' | 'gerente'): Promise<string>;
  close(): Promise<void>;
}

/** A real core on a real SQLite file in a temp folder, with the real migrations and the embedded default. */
export async function createTestCore(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const tmp = opts.dataDir ? null : tempDir();
  const dataDir = opts.dataDir ?? (tmp as { dir: string }).dir;
  const core = await createCore({ log: silentLogger, eodAutomatic: false, ...opts, dataDir });
  const call = async <C extends Channel>(channel: C, input: Input<C>, session: string | null = null) => {
    const ctx: CallContext = { transport: 'test', sessionToken: session };
    const env = await core.dispatch(channel, input, ctx);
    if (!env.ok) throw PosError.fromData(env.error);
    return env.value as Output<C>;
  };
  return {
    core,
    dataDir,
    call,
    async login(who = 'caixa') {
      const s = await call(
        'auth/login',
        who === 'caixa' ? { operatorId: 1, pin: '1111' } : { operatorId: 2, pin: '9999' },
      );
      return s.token;
    },
    async close() {
      await core.stop('test');
      tmp?.cleanup();
    },
  };
}

/** The in-process Glory CI-5 simulator with fast heartbeats and no automatic "customer takes the change". */
export const SIMULATED_CI5 = {
  kind: 'simulator',
  heartbeatMs: 200,
  autoTakeMs: null,
  cancelOnShortChange: true,
} as const;

/** A real core (see createTestCore) whose cash machine is the simulator, connected before this resolves. */
export async function createTestCoreWithCi5(opts: Partial<CoreOptions> = {}): Promise<TestCore> {
  const tc = await createTestCore({ ...opts, cash: { settings: SIMULATED_CI5 } });
  await tc.core.cash.whenStarted();
  return tc;
}
