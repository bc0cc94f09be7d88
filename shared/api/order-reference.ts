import { z } from 'zod';

/**
 * Issue 10's "N.º Encomenda": the additional-information name the customer's order number is stored and printed
 * under (fiscal_info, covered by Balcão's seal; the AT signature message is unchanged). The CIUS-PT codec reads
 * it back as `cac:OrderReference/cbc:ID` (integrations/ilink/codec/order-reference.ts accepts this spelling).
 */
export const ORDER_REFERENCE_NAME = 'N.º Encomenda';

/** A customer's order number: printable, ≤ 60 characters (SAF-T OriginatingON). Empty = none. */
export const OrderReference = z
  .string()
  .trim()
  .max(60, 'O N.º Encomenda tem no máximo 60 caracteres')
  .regex(/^[^\p{Cc}]*$/u, 'O N.º Encomenda não pode ter caracteres de controlo');
