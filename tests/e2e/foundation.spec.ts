import { artifact, expect, loginWithKeypad, openShift, scanBarcode, test } from './fixtures';

test('caixa logs in with the PIN keypad, sees the catalogue, scans and sees device state', async ({
  pos: page,
}) => {
  // Login screen: operator tiles from auth/list-operators, training banner from system/info.
  await expect(page.getByRole('heading', { name: 'Escolha o operador' })).toBeVisible();
  await expect(page.getByTestId('training-banner')).toContainText('MODO FORMAÇÃO');
  await expect(page.getByRole('button', { name: /Rui Gerente/ })).toBeVisible();
  await page.screenshot({ path: artifact('login-operators.png') });

  // A wrong PIN is refused with the core's pt-PT message, then the right one logs in.
  await page.getByRole('button', { name: /Ana Caixa/ }).click();
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'PIN incorreto.' })).toBeVisible();
  await page.screenshot({ path: artifact('login-wrong-pin.png') });
  await page.getByRole('button', { name: 'Voltar' }).click();
  await loginWithKeypad(page, 'Ana Caixa', '1111');
  await expect(page.getByTestId('operator')).toContainText('Caixa');
  await openShift(page);

  // Favourites from the demo catalogue.
  const favourites = page.getByRole('list', { name: 'Favoritos' });
  await expect(favourites.getByRole('button', { name: /Café torrado moído Delta 250 g/ })).toBeVisible();
  expect(await favourites.getByRole('button').count()).toBeGreaterThan(5);

  // Status bar: core connection live over the WebSocket; devices listed (or the empty message).
  await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('connection')).toContainText('ligado');
  await expect(page.getByTestId('devices')).toBeVisible();
  await expect(page.getByTestId('devices').getByRole('listitem').first()).toBeVisible();

  await page.screenshot({ path: artifact('pos-after-login.png') });

  // Search by name and add by tapping the result.
  await page.getByRole('searchbox').fill('sagres');
  const results = page.getByRole('list', { name: /Resultados/ });
  await results.getByRole('button', { name: /Cerveja Sagres 330 ml/ }).click();
  await page.getByRole('button', { name: 'Limpar pesquisa' }).click();

  // Keyboard-wedge scan, with the focus nowhere in particular: the line appears with its price.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await scanBarcode(page, '5601234100211');
  const lines = page.getByTestId('cart-line');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(1)).toContainText('Café torrado moído Delta 250 g');
  await expect(lines.nth(1)).toContainText('3,49');
  await expect(page.getByTestId('last-scan')).toContainText('5601234100211');

  // Scanning the same article again adds one to its line.
  await scanBarcode(page, '5601234100211');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(1)).toContainText('2 × 3,49');

  // A weight label (prefix 25, 1.250 kg of bananas at 1,79 €/kg) gives a weighed line; scanned while
  // the focus is in the search box, the digits do not stay there.
  await page.getByRole('searchbox').focus();
  await scanBarcode(page, '2510056012509');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(2)).toContainText('Bananas da Madeira');
  await expect(lines.nth(2)).toContainText('1,25 kg');
  await expect(page.getByRole('searchbox')).toHaveValue('');

  // 0,89 + 2 × 3,49 + 1,25 × 1,79 (= 2,2375 → 2,24) = 10,11
  await expect(page.getByTestId('cart-total')).toContainText('10,11');

  // An unknown barcode: the core's message as a toast, no line added.
  await scanBarcode(page, '5600000000001');
  await expect(page.getByRole('alert').filter({ hasText: 'não existe no catálogo' })).toBeVisible();
  await expect(lines).toHaveCount(3);

  await page.screenshot({ path: artifact('pos-with-cart.png') });
});

test('session survives a reload; back-office shows company, catalogue count and devices; logout', async ({
  pos: page,
}) => {
  await loginWithKeypad(page, 'Rui Gerente', '9999');
  await page.reload();
  await expect(page.getByTestId('operator')).toContainText('Rui Gerente');

  await page.getByRole('button', { name: 'Gestão' }).click();
  await expect(page.getByText('Mercearia Demonstração, Lda.').last()).toBeVisible();
  await expect(page.getByText('599999993')).toBeVisible();
  await page.getByRole('button', { name: 'Artigos' }).click();
  await expect(page.getByTestId('catalog-count')).toHaveText('63 artigos no catálogo');
  await expect(page.getByRole('row')).toHaveCount(64);
  await page.getByRole('button', { name: 'Dispositivos' }).click();
  await expect(page.getByRole('heading', { name: 'Dispositivos' })).toBeVisible();
  await page.screenshot({ path: artifact('backoffice.png') });

  await page.getByRole('button', { name: 'Sair' }).click();
  await expect(page.getByRole('heading', { name: 'Escolha o operador' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Escolha o operador' })).toBeVisible();
});
