import { useCallback, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';

/**
 * The one form state of the back office (issue 12 "one schema, shared"): the screen keeps what the user typed as
 * strings/booleans, `toInput` turns it into the contract's input, and the SAME zod schema the core runs (from
 * `shared/api`) says what is wrong, field by field, as the user types and on submit. The core re-checks everything;
 * a refusal it sends back with `details.field` lands next to that field through `setServerError`.
 *
 * Errors of a field show once it was touched (changed or left) or after the first submit, so an empty new form is
 * not a wall of red.
 */
export type FormValues = Record<string, string | boolean>;

export interface ZodForm<V extends FormValues, S extends z.ZodType> {
  values: V;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  /** Props for an <input>/<select>/<textarea> bound to a text field. */
  bind: (name: keyof V & string) => {
    id: string;
    name: string;
    value: string;
    onChange: (e: { target: { value: string } }) => void;
    onBlur: () => void;
    'aria-invalid': boolean;
  };
  /** Props for a checkbox bound to a boolean field. */
  bindCheck: (name: keyof V & string) => {
    id: string;
    name: string;
    checked: boolean;
    onChange: (e: { target: { checked: boolean } }) => void;
  };
  /** The message to show under the field, if any. */
  error: (name: keyof V & string) => string | undefined;
  /**
   * The message of a part of the input that is no text field (a list the screen keeps outside `values`: the
   * lines of a note, the settlements of a receipt), shown after the first submit; server refusals naming it too.
   */
  issue: (path: string) => string | undefined;
  /** A message that belongs to no field (e.g. a refusal about the whole record). */
  formError: string | undefined;
  valid: boolean;
  /** Validates everything; calls `onValid` with the parsed input only when the schema accepts it. */
  submit: (onValid: (input: z.output<S>) => void | Promise<void>) => () => Promise<void>;
  setServerError: (field: string | undefined, message: string) => void;
  reset: (values: V) => void;
  submitting: boolean;
}

export function useZodForm<V extends FormValues, S extends z.ZodType>(opts: {
  schema: S;
  initial: V;
  toInput: (values: V) => unknown;
  /** Prefix of the ids, so two forms on one page do not collide. */
  idPrefix?: string;
}): ZodForm<V, S> {
  const { schema, toInput } = opts;
  const prefix = opts.idPrefix ?? 'f';
  const [values, setValues] = useState<V>(opts.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ field: string | undefined; message: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const busy = useRef(false);

  const issues = useMemo(() => {
    const r = schema.safeParse(toInput(values));
    const out: Record<string, string> = {};
    if (!r.success) {
      for (const i of r.error.issues) {
        const k = i.path.length > 0 ? String(i.path[0]) : '';
        out[k] ??= i.message;
      }
    }
    return out;
  }, [schema, toInput, values]);

  const touch = useCallback((name: string) => {
    setTouched((t) => (t.has(name) ? t : new Set([...t, name])));
  }, []);

  const set = useCallback(
    <K extends keyof V>(name: K, value: V[K]) => {
      setValues((v) => ({ ...v, [name]: value }));
      touch(String(name));
      setServer((s) => (s && s.field === name ? null : s));
    },
    [touch],
  );

  const error = (name: string): string | undefined => {
    if (server && server.field === name) return server.message;
    if (!submitted && !touched.has(name)) return undefined;
    return issues[name];
  };

  const fieldless = issues[''];
  const formError =
    server && (server.field === undefined || !(server.field in values))
      ? server.message
      : submitted
        ? fieldless
        : undefined;

  return {
    values,
    set,
    bind: (name) => ({
      id: `${prefix}-${name}`,
      name,
      value: String(values[name] ?? ''),
      onChange: (e) => set(name, e.target.value as V[typeof name]),
      onBlur: () => touch(name),
      'aria-invalid': error(name) !== undefined,
    }),
    bindCheck: (name) => ({
      id: `${prefix}-${name}`,
      name,
      checked: values[name] === true,
      onChange: (e) => set(name, e.target.checked as V[typeof name]),
    }),
    error,
    issue: (path) =>
      server && server.field === path ? server.message : submitted ? issues[path] : undefined,
    formError,
    valid: Object.keys(issues).length === 0,
    submit: (onValid) => async () => {
      setSubmitted(true);
      setServer(null);
      const r = schema.safeParse(toInput(values));
      if (!r.success || busy.current) return;
      busy.current = true;
      setSubmitting(true);
      try {
        await onValid(r.data);
      } finally {
        busy.current = false;
        setSubmitting(false);
      }
    },
    setServerError: (field, message) => setServer({ field, message }),
    reset: (v) => {
      setValues(v);
      setTouched(new Set());
      setSubmitted(false);
      setServer(null);
    },
    submitting,
  };
}
