// Browser check of the ordersync admin console (Hawtio), run by io.ordersync.ops.AdminConsoleBrowserIT.
// Opens the login page, refuses a wrong password, logs in, opens the Camel plugin, checks that the order pipeline
// routes are listed, opens the route diagram of one route and checks that it rendered, then follows Hawtio's link to
// the support console. Screenshots go to
// $SCREENSHOT_DIR/hawtio-*.png. Exit code 0: all good; 1: a check failed (message on stderr).
//
// Environment: HAWTIO_URL (e.g. http://127.0.0.1:8081/hawtio/), HAWTIO_USER, HAWTIO_PASSWORD; optional
// HAWTIO_ROUTES (comma-separated route ids), HAWTIO_DIAGRAM_ROUTE, SCREENSHOT_DIR (default: target),
// CHROMIUM_PATH (default: /usr/bin/chromium, Debian's chromium; playwright never downloads a browser here); the launch,
// reporting and screenshots are browser-support.mjs's.
import { env, fail, ok, watchdog, launchChromium, screenshots, failAt } from './browser-support.mjs';

const baseUrl = env('HAWTIO_URL').replace(/\/?$/, '/');
const user = env('HAWTIO_USER');
const password = env('HAWTIO_PASSWORD');
const routes = env('HAWTIO_ROUTES', 'order-intake-rest,order-dispatch-US01,erp-deliver,erp-US01').split(',').map(r => r.trim());
const diagramRoute = env('HAWTIO_DIAGRAM_ROUTE', 'erp-deliver');

// the whole check must not hang a build
watchdog(150);

let step = 'starting chromium';
const browser = await launchChromium();

const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(20_000);
const shot = screenshots(page, 'hawtio');

try {
  step = `opening ${baseUrl}`;
  await page.goto(baseUrl);
  await page.waitForURL(/\/login$/);
  const username = page.locator('#pf-login-username-id');
  const passwordField = page.locator('#pf-login-password-id');
  const logIn = page.getByRole('button', { name: 'Log in' });
  await username.waitFor();
  await shot('login');
  ok(`unauthenticated visit lands on the login page ${page.url()}`);

  step = 'logging in with a wrong password';
  await username.fill(user);
  await passwordField.fill(`${password}-wrong`);
  await logIn.click();
  await page.getByText(/invalid login credentials/i).first().waitFor();
  if (!page.url().endsWith('/login')) {
    fail(`a wrong password left the login page (now at ${page.url()})`);
  }
  ok('a wrong password is refused');

  step = 'logging in';
  await username.fill(user);
  await passwordField.fill(password);
  await logIn.click();
  await page.waitForURL(url => !url.pathname.endsWith('/login'));
  ok(`logged in as ${user}, now at ${page.url()}`);

  step = 'opening the Camel plugin';
  await page.getByRole('link', { name: 'Camel', exact: true }).click();
  await page.waitForURL(/\/camel\//);
  const tree = page.getByRole('tree');
  for (const route of routes) {
    step = `looking for route ${route} in the Camel tree`;
    await tree.getByRole('treeitem').filter({ has: page.getByText(route, { exact: true }) }).first().waitFor();
  }
  await shot('routes');
  ok(`Camel plugin lists the routes ${routes.join(', ')}`);

  step = `opening the route diagram of ${diagramRoute}`;
  await tree.getByText(diagramRoute, { exact: true }).click();
  await page.getByRole('heading', { name: diagramRoute, exact: true }).waitFor();
  await page.getByRole('link', { name: 'Route Diagram', exact: true }).click();
  await page.waitForURL(/\/camel\/routeDiagram/);
  const nodes = page.locator('.react-flow__node');
  await nodes.first().waitFor({ state: 'visible' });
  // the diagram starts with the route's consumer ("From direct:...")
  await nodes.filter({ hasText: /^\s*(\d+\s*)*From /m }).first().waitFor({ state: 'visible' });
  const count = await nodes.count();
  if (count < 2) {
    fail(`the diagram of ${diagramRoute} shows ${count} node(s)`);
  }
  await shot('diagram');
  ok(`route diagram of ${diagramRoute} rendered with ${count} nodes`);

  step = 'following the link to the support console';
  await page.locator('#ordersync-support-console').click();
  await page.waitForURL(/\/console\//);
  ok(`Hawtio links to the support console (${page.url()})`);
} catch (e) {
  await failAt(step, e, page, shot);
} finally {
  await browser.close().catch(() => {});
}
console.log('hawtio-login: all checks passed');
