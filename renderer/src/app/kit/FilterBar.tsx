import type { ReactNode } from 'react';

/** The row of filters above a list (number, type, customer, period…): wraps on a narrow screen. */
export function FilterBar({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="imports-filters filter-bar" role="search" aria-label={label}>
      {children}
    </div>
  );
}

interface FilterProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A text filter (a number, a name, a NIF): a search box that the barcode wedge leaves alone. */
export function FilterText({ label, value, onChange }: FilterProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
        data-no-wedge
      />
    </label>
  );
}

/** A date filter (YYYY-MM-DD, shown by the browser in the user's locale). */
export function FilterDate({ label, value, onChange }: FilterProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
      />
    </label>
  );
}

/** A choice filter; the option whose value is '' means "all". */
export function FilterSelect({
  label,
  value,
  onChange,
  options,
}: FilterProps & { options: readonly { value: string; label: string }[] }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
