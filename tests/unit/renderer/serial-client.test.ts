import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/api';
import type { Envelope } from '../../../shared/errors';
import type { PosClient } from '../../../renderer/src/api/client';
import { serialClient } from '../../../renderer/src/pos/serial-client';

/** A client whose calls are answered by hand: `sent` lists the channels in the order they reached the "core". */
function manualClient() {
  const sent: string[] = [];
  const answers = new Map<string, () => void>();
  const tryCall = (channel: Channel): Promise<Envelope<never>> => {
    sent.push(channel);
    return new Promise((resolve) => answers.set(channel, () => resolve({ ok: true, value: null as never })));
  };
  const client = {
    transport: 'http',
    tryCall,
    call: async (channel: Channel) => {
      await tryCall(channel);
      return null;
    },
    on: () => () => undefined,
    onConnection: () => () => undefined,
    setSession: () => undefined,
  } as unknown as PosClient;
  return { client, sent, answer: (channel: string) => answers.get(channel)?.() };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the till's sale calls (use-sale.ts)", () => {
  it('a scan goes out at once while a reload of the sale is still unanswered', async () => {
    const m = manualClient();
    const c = serialClient(m.client);
    void c.tryCall('sales/current', {});
    void c.tryCall('sales/scan', { barcode: '5601234100211' });
    await turn();
    expect(m.sent).toEqual(['sales/current', 'sales/scan']);
  });

  it('changes reach the core one at a time, in the order they were made', async () => {
    const m = manualClient();
    const c = serialClient(m.client);
    void c.tryCall('sales/scan', { barcode: '5601234100211' });
    void c.tryCall('sales/set-customer', { customer: null });
    await turn();
    expect(m.sent).toEqual(['sales/scan']);
    m.answer('sales/scan');
    await turn();
    expect(m.sent).toEqual(['sales/scan', 'sales/set-customer']);
  });

  it('a reload waits for the change made before it', async () => {
    const m = manualClient();
    const c = serialClient(m.client);
    void c.call('sales/scan', { barcode: '5601234100211' });
    void c.tryCall('sales/current', {});
    await turn();
    expect(m.sent).toEqual(['sales/scan']);
    m.answer('sales/scan');
    await turn();
    expect(m.sent).toEqual(['sales/scan', 'sales/current']);
  });
});
