import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  cashNode,
  CodecError,
  el,
  optionNode,
  parseSoapResponse,
  soapAction,
  totalCents,
} from '../../../electron/core/devices/glory/codec';
import { parseEventFrame } from '../../../electron/core/devices/glory/events';
import { deviceErrorInstruction, machineCodeName } from '../../../electron/core/devices/glory/codes';

// Shape of the captured Axis2C ChangeResponse quoted in glory-ci5.md §2.2 (S7): n:-prefixed elements and
// attributes, unprefixed Status/DevStatus/Cash/Denomination in the same message.
const CAPTURED =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<n:ChangeResponse xmlns:n="http://www.glory.co.jp/bruebox.xsd" n:result="0"><n:Id>0</n:Id><n:SeqNo>1006</n:SeqNo><n:User/>' +
  '<n:Amount>500</n:Amount><n:ManualDeposit>0</n:ManualDeposit><Status><n:Code>19</n:Code>' +
  '<DevStatus n:devid="1" n:val="0" n:st="1500"/><DevStatus n:devid="2" n:val="0" n:st="3000"/></Status>' +
  '<Cash n:type="1"><Denomination n:cc="THB" n:fv="1000" n:rev="0" n:devid="2"><n:Piece>1</n:Piece><n:Status>0</n:Status></Denomination></Cash>' +
  '<Cash n:type="2"><Denomination n:cc="THB" n:fv="500" n:rev="0" n:devid="2"><n:Piece>1</n:Piece><n:Status>0</n:Status></Denomination></Cash>' +
  '</n:ChangeResponse></soapenv:Body></soapenv:Envelope>';

describe('Glory SOAP codec', () => {
  it('parses the captured ChangeResponse namespace-agnostically', () => {
    const r = parseSoapResponse(CAPTURED);
    expect(r).toMatchObject({
      op: 'Change',
      result: 0,
      id: '0',
      seqNo: '1006',
      amount: 500,
      manualDeposit: 0,
    });
    expect(r.status).toEqual({
      code: 19,
      devStatus: [
        { devid: 1, val: 0, st: 1500 },
        { devid: 2, val: 0, st: 3000 },
      ],
    });
    expect(r.cash).toEqual([
      { type: 1, denominations: [{ fv: 1000, devid: 2, piece: 1, cc: 'THB', status: 0 }] },
      { type: 2, denominations: [{ fv: 500, devid: 2, piece: 1, cc: 'THB', status: 0 }] },
    ]);
    expect(machineCodeName(r.status?.code ?? -1)).toBe('WAITING_INVENTORY');
  });

  it('parses fully unprefixed responses the same way', () => {
    const xml = CAPTURED.replace(/n:/g, '').replace(' xmlns:n=', ' xmlns=');
    expect(parseSoapResponse(xml).cash[1].denominations[0].fv).toBe(500);
  });

  it('rejects non-numeric device values and SOAP faults with a CodecError', () => {
    expect(() => parseSoapResponse(CAPTURED.replace('n:fv="500"', 'n:fv="5,00"'))).toThrow(CodecError);
    expect(() => parseSoapResponse(CAPTURED.replace('n:result="0"', ''))).toThrow(/result/);
    const fault =
      '<soapenv:Envelope xmlns:soapenv="x"><soapenv:Body><soapenv:Fault><faultstring>boom</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    expect(() => parseSoapResponse(fault)).toThrow(/boom/);
    expect(() => parseSoapResponse('<not xml')).toThrow(CodecError);
  });

  it('builds request envelopes with Id/SeqNo/SessionID first and cents on the wire', () => {
    const xml = buildRequest('Change', { id: 'Balcao', seqNo: '00000000042', sessionId: 'S1' }, [
      el('Amount', 1230),
      optionNode(1),
    ]);
    expect(xml).toContain(
      '<bru:ChangeRequest><bru:Id>Balcao</bru:Id><bru:SeqNo>00000000042</bru:SeqNo><bru:SessionID>S1</bru:SessionID><bru:Amount>1230</bru:Amount><bru:Option bru:type="1"/></bru:ChangeRequest>',
    );
    expect(xml).toContain('xmlns:bru="http://www.glory.co.jp/bruebox.xsd"');
    const unq = buildRequest(
      'Cashout',
      { id: 'a&b', seqNo: '1' },
      [cashNode(2, [{ fv: 200, devid: 2, piece: 3 }])],
      { prefix: 'bru', qualifiedAttributes: false },
    );
    expect(unq).toContain('<bru:Id>a&amp;b</bru:Id>');
    expect(unq).toContain(
      '<bru:Cash type="2"><bru:Denomination cc="EUR" fv="200" rev="0" devid="2"><bru:Piece>3</bru:Piece>',
    );
    expect(soapAction('Status')).toBe('GetStatus');
    expect(soapAction('Change')).toBe('ChangeOperation');
    expect(
      totalCents([
        { fv: 200, devid: 2, piece: 3 },
        { fv: 2000, devid: 1, piece: 1 },
      ]),
    ).toBe(2600);
  });
});

describe('Glory event frames', () => {
  it('parses heartbeat, status change, cashier events and response copies', () => {
    expect(
      parseEventFrame(
        '<BbxEventRequest><HeartBeatEvent><SerialNo>X1</SerialNo></HeartBeatEvent></BbxEventRequest>',
      ),
    ).toEqual([{ kind: 'heartbeat', serialNo: 'X1' }]);
    expect(
      parseEventFrame(
        '<BbxEventRequest><StatusChangeEvent><Status>4</Status><Amount>2000</Amount><Error>0</Error><User/><SeqNo>7</SeqNo></StatusChangeEvent></BbxEventRequest>',
      )[0],
    ).toMatchObject({ kind: 'status', code: 4, amount: 2000, seqNo: '7' });
    const err = parseEventFrame(
      '<BbxEventRequest><GlyCashierEvent devid="1" user=""><eventError><ErrorCode>513</ErrorCode><RecoveryURL>/help/x.gif</RecoveryURL></eventError></GlyCashierEvent></BbxEventRequest>',
    )[0];
    expect(err).toMatchObject({
      kind: 'cashier',
      devid: 1,
      event: 'eventError',
      errorCode: 513,
      recoveryUrl: '/help/x.gif',
    });
    const rm = parseEventFrame(
      '<BbxEventRequest><GlyCashierEvent devid="2"><eventWaitForRemoving><DevicePositionId>2</DevicePositionId></eventWaitForRemoving></GlyCashierEvent></BbxEventRequest>',
    )[0];
    expect(rm).toMatchObject({ kind: 'cashier', devid: 2, event: 'eventWaitForRemoving', position: 2 });
    const copy = parseEventFrame(
      '<BbxEventRequest><n:StatusResponse n:result="0"><Status><n:Code>1</n:Code></Status></n:StatusResponse></BbxEventRequest>',
    )[0];
    expect(copy).toMatchObject({
      kind: 'response',
      response: { op: 'Status', result: 0, status: { code: 1 } },
    });
    expect(parseEventFrame('<BbxEventRequest><SomethingNew/></BbxEventRequest>')).toEqual([
      { kind: 'unknown', name: 'SomethingNew' },
    ]);
  });

  it('maps device error families to pt-PT instructions', () => {
    expect(deviceErrorInstruction(1, 0x0201)).toMatchObject({ hex: '0201', family: 'jam' });
    expect(deviceErrorInstruction(2, 1281).message).toMatch(/Porta.*módulo de moedas/);
    expect(deviceErrorInstruction(1, 0x4401).family).toBe('power');
    expect(deviceErrorInstruction(1, 0xe101).family).toBe('cassette');
  });
});
