import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, FatalScreen } from './App';
import { createAppClient } from './app/client';
import type { PosClient } from './api/client';
import './styles/base.css';
import './styles/shell.css';
import './styles/login.css';
import './styles/pos.css';
import './styles/backoffice.css';
import './styles/checkout.css';
import './styles/manage.css';
import './styles/fit.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
let client: PosClient | null = null;
let failure = '';
try {
  client = createAppClient();
} catch (e) {
  failure = e instanceof Error ? e.message : String(e);
}

root.render(<StrictMode>{client ? <App client={client} /> : <FatalScreen message={failure} />}</StrictMode>);
