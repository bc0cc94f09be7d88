/** The back office's shared table and form kit (issue 12): build every list and form on it, not by hand. */
export { DataTable, type Column, type Remote, type RemoteQuery } from './DataTable';
export { AmountPicker, decimalOf, pickedAmounts, type PickColumn, type Picks } from './AmountPicker';
export { Field, FieldRow, inputClass } from './Field';
export { FilterBar, FilterDate, FilterSelect, FilterText } from './FilterBar';
export { useZodForm, type FormValues, type ZodForm } from './use-zod-form';
export { downloadCsv, downloadText } from './download';
