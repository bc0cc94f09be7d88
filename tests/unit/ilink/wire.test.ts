import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../electron/core/integrations/ilink/outcome';
import { assertAllowedHost, isLoopbackUrl } from '../../../electron/core/integrations/ilink/transport';
import { describeIlinkError } from '../../../electron/core/integrations/ilink/wire/errors';
import { ErrorEnvelope, firstError } from '../../../electron/core/integrations/ilink/wire/schemas';
import { checkUblStructure } from '../../../electron/core/integrations/ilink/wire/structure';

const now = new Date('2026-03-02T10:00:00Z');
const err = (status: number, code: string, msg: string) =>
  failureOf(
    { kind: 'error', status, error: describeIlinkError(code, msg), retryAfter: null, text: '' },
    'POST x',
    now,
  );

describe('iLink wire codec', () => {
  it('reads both error envelope shapes (array, and keyed by field)', () => {
    expect(
      firstError(
        ErrorEnvelope.parse({ success: false, errors: [{ code: 'e069', msg: 'Invalid authentication' }] }),
      ),
    ).toMatchObject({ code: 'e069' });
    expect(
      firstError(ErrorEnvelope.parse({ errors: { supplier: { code: 'e199', msg: 'x' } } })),
    ).toMatchObject({ code: 'e199', field: 'supplier' });
  });

  it('maps iLink codes to outcomes, keeping the rule of an e217', () => {
    expect(err(400, 'e217', '[BR-CO-25] Payment due date or terms required')).toMatchObject({
      outcome: 'permanent',
      code: 'e217',
      message: 'O iLink recusou o XML (validação CIUS-PT): [BR-CO-25] Payment due date or terms required',
    });
    expect(err(400, 'e048', 'The commitment number is mandatory.')).toMatchObject({
      outcome: 'permanent',
      message: expect.stringContaining('commitment number'),
    });
    expect(err(401, 'e069', 'Invalid authentication')).toMatchObject({ outcome: 'retry', pauseMs: 300_000 });
    expect(err(503, 'e500', 'down')).toMatchObject({ outcome: 'unknown' });
    expect(
      failureOf({ kind: 'error', status: 429, error: null, retryAfter: '7', text: '' }, 'POST x', now),
    ).toMatchObject({ outcome: 'retry', pauseMs: 7000 });
    expect(
      failureOf({ kind: 'error', status: 429, error: null, retryAfter: null, text: '' }, 'POST x', now),
    ).toMatchObject({ pauseMs: 120_000 });
    expect(failureOf({ kind: 'timeout' }, 'POST x', now)).toMatchObject({
      outcome: 'unknown',
      network: true,
    });
    expect(failureOf({ kind: 'unreachable', message: 'x' }, 'POST x', now)).toMatchObject({
      outcome: 'retry',
      network: true,
    });
  });

  it('a training terminal refuses every non-loopback host', () => {
    expect(isLoopbackUrl('http://127.0.0.1:5801/api')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:5801/api')).toBe(true);
    expect(isLoopbackUrl('https://ilink.acin.pt/ilinktests-api/api/v1/pt')).toBe(false);
    expect(() => assertAllowedHost('https://ilink.acin.pt/x', true)).toThrow(
      /modo formação.*ilink\.acin\.pt/,
    );
    expect(() => assertAllowedHost('https://ilink.acin.pt/x', false)).not.toThrow();
  });

  it('structure check: order, cardinality, DTD, root', () => {
    const ns =
      'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"';
    expect(
      checkUblStructure(
        `<Invoice ${ns}><cbc:IssueDate>2026-01-01</cbc:IssueDate><cbc:ID>1</cbc:ID></Invoice>`,
      ),
    ).toMatchObject({ ok: false, rule: 'UBL-XSD', message: expect.stringMatching(/fora da ordem/) });
    expect(checkUblStructure(`<Invoice ${ns}><cbc:ID>1</cbc:ID></Invoice>`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/falta <cbc:IssueDate>/),
    });
    expect(checkUblStructure('<!DOCTYPE a [<!ENTITY b "c">]><a/>')).toMatchObject({
      ok: false,
      rule: 'UBL-DTD',
    });
    expect(checkUblStructure('<Order/>')).toMatchObject({ ok: false, rule: 'UBL-XSD' });
    expect(checkUblStructure('<Invoice')).toMatchObject({ ok: false, rule: 'UBL-XML' });
  });
});
