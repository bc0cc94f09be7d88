import { useState } from 'react';
import type { PrinterInfo } from '../../../shared/api/printing';
import { t, type MessageKey } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';

type Paper = '58mm-32' | '80mm-42' | '80mm-48';
type Qr = 'native' | 'raster';
export interface PrinterForm {
  id: string;
  name: string;
  uri: string;
  paper: Paper;
  qr: Qr;
  isDefault: boolean;
}

/** The URI forms the printing core accepts (electron/core/printing/uri.ts), with a template for each. */
const KINDS: { scheme: string; template: string; hint: MessageKey }[] = [
  { scheme: 'tcp', template: 'tcp://192.168.1.50:9100', hint: 'printer.uri.tcp' },
  { scheme: 'serial', template: 'serial:/dev/ttyUSB0?baud=19200', hint: 'printer.uri.serial' },
  { scheme: 'usb', template: 'usb:04b8:0202', hint: 'printer.uri.usb' },
  { scheme: 'virtual', template: 'virtual:', hint: 'printer.uri.virtual' },
  { scheme: 'pdf', template: 'pdf:documentos/{doc}.pdf', hint: 'printer.uri.pdf' },
];
const PAPERS: Paper[] = ['80mm-48', '80mm-42', '58mm-32'];
const ID_RE = /^[a-z0-9-]{1,32}$/;

const schemeOf = (uri: string): string => uri.slice(0, Math.max(0, uri.indexOf(':'))).toLowerCase();

interface Props {
  /** Editing an existing printer (its id is fixed), or null for a new one. */
  printer: PrinterInfo | null;
  onSave: (form: PrinterForm) => void;
  onCancel: () => void;
}

/**
 * Configures a printer by URI (gerente; printing/configure-printer). The core validates the URI and answers
 * with a pt-PT message naming the accepted forms. Editing starts from the printer's own paper and QR settings.
 */
export function PrinterDialog({ printer, onSave, onCancel }: Props) {
  const [id, setId] = useState(printer?.id ?? '');
  const [name, setName] = useState(printer?.name ?? '');
  const [uri, setUri] = useState(printer?.uri ?? 'tcp://');
  const [paper, setPaper] = useState<Paper>(printer?.paper ?? '80mm-48');
  const [qr, setQr] = useState<Qr>(printer?.qr ?? 'native');
  const [isDefault, setDefault] = useState(printer?.isDefault ?? false);
  const scheme = schemeOf(uri);
  const kind = KINDS.find((k) => k.scheme === scheme);
  const idOk = ID_RE.test(id);
  // "virtual:" alone is complete; every other form needs something after the scheme.
  const rest = uri.trim().slice(scheme.length + 1);
  const ok =
    idOk && name.trim().length > 0 && kind !== undefined && (scheme === 'virtual' || rest.length > 0);

  return (
    <Dialog
      title={t('printer.configure')}
      heading={printer ? t('printer.edit', { name: printer.name }) : t('printer.add')}
      size="wide"
      onClose={onCancel}
      onSubmit={() => {
        if (ok) onSave({ id, name: name.trim(), uri: uri.trim(), paper, qr, isDefault });
      }}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg" disabled={!ok}>
            {t('printer.save')}
          </button>
        </>
      }
    >
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('printer.id')}</span>
          <input
            className={`input input--text${id && !idOk ? ' input--invalid' : ''}`}
            value={id}
            maxLength={32}
            disabled={printer !== null}
            placeholder="balcao-2"
            onChange={(e) => setId(e.target.value.toLowerCase())}
          />
        </label>
        <label className="field field--grow">
          <span className="field-label">{t('printer.name')}</span>
          <input
            className="input input--text"
            value={name}
            maxLength={60}
            autoFocus
            placeholder={t('printer.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      </div>
      <span className="field-label">{t('printer.connection')}</span>
      <div className="segmented segmented--wrap">
        {KINDS.map((k) => (
          <button
            key={k.scheme}
            type="button"
            className={`segmented-item${scheme === k.scheme ? ' segmented-item--active' : ''}`}
            aria-pressed={scheme === k.scheme}
            onClick={() => setUri(k.template)}
          >
            {t(`printer.kind.${k.scheme}` as MessageKey)}
          </button>
        ))}
      </div>
      <label className="field printer-uri">
        <span className="field-label">{t('printer.uri')}</span>
        <input
          className="input input--text mono"
          value={uri}
          maxLength={300}
          spellCheck={false}
          onChange={(e) => setUri(e.target.value)}
          data-testid="printer-uri"
        />
        <span className={`field-help${kind ? '' : ' field-help--error'}`}>
          {kind ? t(kind.hint) : t('printer.uri.unknown')}
        </span>
      </label>
      <div className="field-row">
        <label className="field field--grow">
          <span className="field-label">{t('printer.paper')}</span>
          <select className="input" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            {PAPERS.map((p) => (
              <option key={p} value={p}>
                {t(`printer.paper.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--grow">
          <span className="field-label">{t('printer.qr')}</span>
          <select className="input" value={qr} onChange={(e) => setQr(e.target.value as Qr)}>
            <option value="native">{t('printer.qr.native')}</option>
            <option value="raster">{t('printer.qr.raster')}</option>
          </select>
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setDefault(e.target.checked)} />
        {t('printer.default')}
      </label>
    </Dialog>
  );
}
