/**
 * A CSV file's bytes as text, refusing what is not UTF-8 (Excel's plain "CSV" on Windows is Windows-1252: read
 * as UTF-8 its accents would be silently replaced, so it is refused with the way out).
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      message:
        'O ficheiro não está em UTF-8. No Excel, guarde-o como «CSV UTF-8 (delimitado por vírgulas)»; no LibreOffice, escolha o conjunto de caracteres Unicode (UTF-8).',
    };
  }
}
