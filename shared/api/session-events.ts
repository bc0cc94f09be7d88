import { z } from 'zod';

export const sessionEvents = {
  /** The core is about to stop (shutdown or fatal error); the UI shows it instead of hanging. */
  'system/stopping': z.object({ reason: z.string() }),
  'auth/session-ended': z.object({ token: z.string(), reason: z.enum(['logout', 'expired', 'replaced']) }),
};
