import { sql } from 'kysely';

/**
 * SAF-T `CustomerID` (MasterFiles/Customer and every Invoice, StockMovement and Payment naming it) is the
 * customer's own code from the parties domain (`customer.code`: `<terminal>-<ULID>`, or the code the manager or a
 * CSV gave; unique, and fixed once the customer is on a document), never the row id: row ids restart on every
 * terminal, so two shops of a chain exporting from a central database would name different customers alike.
 * The generic Consumidor final is a customer row like any other (NIF 999999990, "Desconhecido" address), so its
 * CustomerID is its code too, the same in Customer and in each document that names it (Portaria 302/2016, SAF-T
 * notes 2.2.1–2.2.6: a CustomerID "of your choice").
 * `C<id>` only covers a row without a code, which migration 0670 filled in and nothing since writes.
 * An expression over the `customer` table aliased `c` (the export's Kysely reads, saft/queries.ts).
 */
export const saftCustomerId = sql<string>`coalesce(nullif(c.code, ''), 'C' || c.id)`;
