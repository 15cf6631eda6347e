// Browser check of the ordersync support console (/console/ on the admin port), run by
// io.ordersync.ops.AdminConsoleBrowserIT against the real runtime with its simulators. As a viewer: a wrong password is
// refused; an order is found by its PO number and an interchange by its control number; the order's journey shows
// each step; a failed message is listed but its payload withheld, and a replay is refused (403). As an operator: a
// refused order's payload is shown readably with the error's field marked, a refused interchange one segment per
// line with the segment in error marked; a failed delivery's payload is edited and
// replayed, and the order reaches ACCEPTED; 50 and more failed messages are replayed as one batch with its progress;
// the audit names the operator for each; Hawtio is linked. The operator runs the crm-status reconciliation from the
// dashboard and sees its progress move, then the finished run (a viewer's "Run now" is disabled). Screenshots: $SCREENSHOT_DIR/console-*.png. Exit code 0:
// all good; 1: a check failed (message on stderr).
//
// Environment: CONSOLE_URL (e.g. http://127.0.0.1:8081/console/), VIEWER_USER, VIEWER_PASSWORD, OPERATOR_USER,
// OPERATOR_PASSWORD, PO_NUMBER and ORDER_ID (an accepted order), CONTROL_NUMBER (an interchange's ISA13),
// FAILED_ORDER_ID and FAILED_PO (an order whose ERP delivery is a dead letter; the ERP accepts again), BATCH_SIZE (how
// many other failed deliveries wait for the batch replay), INVALID_DEAD_LETTER_ID (a refused order, kept),
// EDI_DEAD_LETTER_ID (a refused X12 interchange, kept with the position of its segment in error), SCREENSHOT_DIR,
// CHROMIUM_PATH (default /usr/bin/chromium: Debian's; playwright never downloads a browser here); the launch,
// reporting and screenshots are browser-support.mjs's.
import { env, fail, ok, watchdog, launchChromium, screenshots, failAt } from './browser-support.mjs';

const consoleUrl = env('CONSOLE_URL').replace(/\/?$/, '/');
const viewer = { user: env('VIEWER_USER'), password: env('VIEWER_PASSWORD') };
const operator = { user: env('OPERATOR_USER'), password: env('OPERATOR_PASSWORD') };
const poNumber = env('PO_NUMBER');
const orderId = env('ORDER_ID');
const controlNumber = env('CONTROL_NUMBER');
const failedOrderId = env('FAILED_ORDER_ID');
const failedPo = env('FAILED_PO');
const batchSize = Number(env('BATCH_SIZE'));
const invalidDeadLetterId = env('INVALID_DEAD_LETTER_ID');
const ediDeadLetterId = env('EDI_DEAD_LETTER_ID');

watchdog(240);

let step = 'starting chromium';
const browser = await launchChromium();

const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const problems = [];
page.on('pageerror', error => problems.push(`page error: ${error.message}`));
// the console's own script errors (refusals the checks provoke show as failed loads, and Hawtio's page is Hawtio's)
page.on('console', message => {
  if (message.type() === 'error' && page.url().includes('/console/') && !message.text().startsWith('Failed to load resource')) {
    problems.push(`console error: ${message.text()}`);
  }
});
const shot = screenshots(page, 'console', { fullPage: true });

async function logIn(who) {
  await page.goto(`${consoleUrl}login`);
  await page.locator('#username').fill(who.user);
  await page.locator('#password').fill(who.password);
  await page.locator('#log-in').click();
  await page.locator('#who').filter({ hasText: who.user }).waitFor();
}

async function search(value) {
  await page.goto(`${consoleUrl}#/search`);
  await page.locator('#q').fill(value);
  await page.locator('#search').click();
  await page.locator('#counts').waitFor();
}

async function openFailedMessageOf(order) {
  await page.goto(`${consoleUrl}#/dead-letters?status=NEW&orderId=${encodeURIComponent(order)}`);
  const row = page.locator('#dead-letter-list tr.dead-letter').filter({ hasText: order }).first();
  await row.waitFor();
  const headings = await page.locator('#dead-letter-list thead th').allInnerTexts();
  if (!headings.includes('Partner') || !headings.includes('Age')) fail(`the failed-message list has no Partner and Age columns: ${headings.join(', ')}`);
  const age = (await row.locator('td.age').innerText()).trim();
  if (!/^\d+ (s|min|h|d)$/.test(age)) fail(`the age of the failed message of ${order} is not readable: '${age}'`);
  await row.click();
  await page.locator('#dead-letter-facts').waitFor();
}

try {
  step = `opening ${consoleUrl} without a session`;
  await page.goto(consoleUrl);
  await page.waitForURL(/\/console\/login$/);
  await shot('login');
  ok('an unauthenticated visit lands on the login page');

  step = 'logging in with a wrong password';
  await page.locator('#username').fill(viewer.user);
  await page.locator('#password').fill(`${viewer.password}-wrong`);
  await page.locator('#log-in').click();
  await page.getByText('User or password is wrong.').waitFor();
  ok('a wrong password is refused');

  step = 'logging in as viewer';
  await logIn(viewer);
  await page.locator('#who').filter({ hasText: '(viewer)' }).waitFor();
  if (await page.locator('#nav-hawtio').isVisible()) fail('a viewer is offered Hawtio');
  ok(`logged in as ${viewer.user} (viewer), no Hawtio link`);

  step = 'opening the dashboard';
  await page.locator('#tile-dead-letters').waitFor();
  await page.locator('#reachability').waitFor();
  if (Number(await page.locator('#tile-dead-letters .value').innerText()) < batchSize) {
    fail(`the dashboard shows fewer than ${batchSize} failed messages waiting`);
  }
  await shot('dashboard');
  ok(`the dashboard shows ${await page.locator('#tile-dead-letters .value').innerText()} failed messages waiting and the reachability of each system`);
  if (!(await page.locator('#run-crm-status').isDisabled())) fail('a viewer may start a reconciliation run');
  ok('a viewer cannot start a reconciliation run');

  step = 'opening the partners';
  await page.goto(`${consoleUrl}#/partners`);
  await page.locator('#partners tr.partner[data-partner="acme-hardware"]').click();
  await page.locator('#partner-facts').waitFor();
  await page.locator('#partner-interchanges tr.interchange').filter({ hasText: controlNumber }).waitFor();
  await page.locator('#sla-scorecard').waitFor();
  await shot('partner');
  ok('the partner page lists the interchange received and the SLA scorecard');

  step = `searching the PO number ${poNumber}`;
  await search(poNumber);
  const orderHit = page.locator('#hits tr.hit[data-kind="order"]').filter({ hasText: orderId });
  await orderHit.waitFor();
  await shot('search-po');
  ok(`the PO number ${poNumber} finds order ${orderId}`);

  step = `searching the interchange control number ${controlNumber}`;
  await search(controlNumber);
  await page.locator('#hits tr.hit[data-kind="interchange"]').first().waitFor();
  await shot('search-control-number');
  ok(`the control number ${controlNumber} finds its interchange`);

  step = `opening the journey of order ${orderId}`;
  await search(poNumber);
  await orderHit.click();
  await page.waitForURL(new RegExp(`#/orders/${orderId}$`));
  await page.locator('#order-facts').getByText('ACCEPTED', { exact: true }).waitFor();
  const steps = page.locator('#journey tr.step');
  await steps.first().waitFor();
  const stepTypes = await steps.evaluateAll(rows => rows.map(row => row.dataset.type));
  for (const expected of ['OrderReceived', 'OrderAccepted']) {
    if (!stepTypes.includes(expected)) {
      fail(`the journey of ${orderId} has no ${expected} step: ${stepTypes.join(', ')}`);
    }
  }
  await page.locator('#order-facts').getByText(poNumber, { exact: true }).waitFor();
  // each system's step: the message it arrived as, the ERP's call and the CRM's update, payloads withheld for a viewer
  await page.locator('#journey tr.message[data-kind="RECEIVED"]').filter({ hasText: 'api:crm' }).waitFor();
  await page.locator('#journey tr.message[data-system="ERP US01"]').filter({ hasText: 'HTTP 201' }).waitFor();
  await page.locator('#journey tr.message[data-system="CRM"]').first().waitFor();
  await page.locator('#journey-withheld').waitFor();
  if (await page.locator('#journey details.message-payloads').count() > 0) fail('a viewer is shown the payloads of the journey');
  await shot('journey');
  ok(`the journey of ${orderId} shows ${stepTypes.length} status steps (${stepTypes.join(', ')}) and the received message, the ERP call and the CRM update`);

  step = `opening the failed message of ${failedOrderId} as viewer`;
  await openFailedMessageOf(failedOrderId);
  await page.locator('#payload-withheld').waitFor();
  if (await page.locator('#replay').count()) fail('a viewer is offered Replay');
  const refused = await page.evaluate(async () => {
    const session = await (await fetch('/console/session')).json();
    const id = document.querySelector('#dead-letter-facts') && window.location.hash.split('/')[2];
    const answer = await fetch(`/console/api/v1/dead-letters/${id}/replay`,
      { method: 'POST', headers: { 'X-Console-Token': session.token } });
    return { status: answer.status, body: await answer.text() };
  });
  if (refused.status !== 403) fail(`a viewer's replay was answered ${refused.status}: ${refused.body}`);
  await shot('failed-message-viewer');
  await page.goto(`${consoleUrl}#/audit`);
  await page.locator('#audit').filter({ hasNot: page.locator('#audit-error') }).locator('table, p:not(.muted)').first().waitFor()
    .catch(async () => { await page.locator('#audit p.muted').filter({ hasText: 'None.' }).waitFor(); });
  ok(`a viewer sees the failed message without its payload; a replay is refused (403: ${refused.body})`);

  step = 'logging out and in as operator';
  await page.locator('#log-out').click();
  await page.waitForURL(/\/console\/login\?out$/);
  await logIn(operator);
  await page.locator('#who').filter({ hasText: '(operator)' }).waitFor();
  await page.locator('#nav-hawtio').waitFor({ state: 'visible' });
  ok(`logged in as ${operator.user} (operator), Hawtio linked`);

  step = 'running the crm-status reconciliation from the dashboard';
  await page.goto(`${consoleUrl}#/dashboard`);
  await page.locator('#run-crm-status:not([disabled])').click();
  // the number of items checked shown while the run is RUNNING, once it is above what was seen before
  const checkedAbove = seen => {
    const match = (document.querySelector('#job-progress-crm-status .job-text')?.textContent || '')
      .match(/RUNNING, (\d+) checked of (\d+)/);
    return match && Number(match[1]) > seen ? Number(match[1]) : false;
  };
  const firstChecked = await (await page.waitForFunction(checkedAbove, 0, { polling: 100, timeout: 60_000 })).jsonValue();
  const early = await page.locator('#job-progress-crm-status .job-text').innerText();
  await shot('reconciliation-running');
  await page.waitForFunction(checkedAbove, firstChecked, { polling: 100, timeout: 60_000 });
  const later = await page.locator('#job-progress-crm-status .job-text').innerText();
  await page.locator('#job-progress-crm-status[data-done="true"]').waitFor({ timeout: 120_000 });
  const finished = await page.locator('#job-result-crm-status').innerText();
  const finishedRun = finished.match(/^Run (\d+) of crm-status: COMPLETED, \d+ checked, \d+ finding\(s\)/);
  if (!finishedRun) fail(`the run did not complete: ${finished}`);
  await page.locator(`#reconciliation-runs tr#run-row-${finishedRun[1]}[data-status="COMPLETED"]`).waitFor();
  await shot('reconciliation-finished');
  ok(`the operator ran crm-status from the dashboard and saw it go on (${early}; then ${later}): ${finished}`);

  step = `opening the refused order kept as failed message ${invalidDeadLetterId}`;
  await page.goto(`${consoleUrl}#/dead-letters/${invalidDeadLetterId}`);
  await page.locator('#payload').waitFor();
  const marked = page.locator('#payload span.line.error');
  if ((await marked.count()) < 1) fail(`no line of failed message ${invalidDeadLetterId} is marked: ${await page.locator('#dead-letter-facts').innerText()}`);
  const markedText = await marked.first().innerText();
  if (!markedText.includes('Quantity')) fail(`the marked line is not the field in error: ${markedText}`);
  await shot('failed-message-highlighted');
  ok(`the refused order's payload marks the field in error: ${markedText.trim()}`);

  step = `opening the refused EDI interchange kept as failed message ${ediDeadLetterId}`;
  await page.goto(`${consoleUrl}#/dead-letters/${ediDeadLetterId}`);
  await page.locator('#payload[data-kind="X12"]').waitFor();
  // sent as one line: shown one segment per line, the segment in error (SE, its count) marked
  const segments = (await page.locator('#payload span.line').allInnerTexts()).map(line => line.trim());
  if (segments.length < 10 || !segments.every(line => /^[A-Z][A-Z0-9]{1,2}\*/.test(line))) {
    fail(`the EDI payload is not shown one segment per line: ${segments.slice(0, 5).join(' | ')}`);
  }
  const ediMarked = page.locator('#payload span.line.error');
  if ((await ediMarked.count()) !== 1) fail(`${await ediMarked.count()} segments of failed message ${ediDeadLetterId} are marked: ${await page.locator('#dead-letter-facts').innerText()}`);
  const ediMarkedText = (await ediMarked.innerText()).trim();
  if (!ediMarkedText.startsWith('SE*')) fail(`the marked segment is not the one in error (SE): ${ediMarkedText}`);
  await shot('failed-edi-highlighted');
  ok(`the refused interchange is shown in ${segments.length} segments, the one in error marked: ${ediMarkedText}`);

  step = `opening the failed message of ${failedOrderId} as operator`;
  await openFailedMessageOf(failedOrderId);
  const payload = page.locator('#payload');
  await payload.waitFor();
  if ((await payload.getAttribute('data-kind')) !== 'JSON') fail('the payload is not shown as JSON');
  if ((await payload.locator('span.line').count()) < 10) fail('the payload is not pretty-printed');
  await payload.getByText(failedOrderId).first().waitFor();
  await shot('failed-message');
  ok('the operator sees the payload pretty-printed');

  step = 'editing its PO number and replaying it';
  await page.locator('#edit').click();
  const editor = page.locator('#edited-payload');
  const original = await editor.inputValue();
  if (!original.includes(failedPo)) fail(`the editor does not hold the payload with ${failedPo}`);
  await editor.fill(original.replaceAll(failedPo, `${failedPo}-FIXED`));
  await page.locator('#edit-note').fill('PO number corrected');
  await shot('edit');
  await page.locator('#replay-edited').click();
  await page.locator('#replay-outcome').filter({ hasText: 'Replayed: delivered.' }).waitFor({ timeout: 60_000 });
  await page.locator('#replays tr.replay').filter({ hasText: 'PO number corrected' }).waitFor();
  await page.locator('#edited-payload-kept').getByText(`${failedPo}-FIXED`).first().waitFor();
  await shot('replayed');
  ok('the edited payload was delivered; the edit is kept beside the original');

  step = `waiting for order ${failedOrderId} to be ACCEPTED`;
  await page.waitForFunction(async id => {
    const answer = await fetch(`/console/api/v1/orders/${encodeURIComponent(id)}`);
    return answer.ok && (await answer.json()).status === 'ACCEPTED';
  }, failedOrderId, { polling: 500, timeout: 60_000 });
  await page.goto(`${consoleUrl}#/orders/${failedOrderId}`);
  await page.reload();
  await page.locator('#order-facts').getByText('ACCEPTED', { exact: true }).waitFor();
  await page.locator('#order-dead-letters').getByText('SUCCEEDED').first().waitFor();
  // as operator: the ERP call that delivered the edited order, with its request and the ERP's answer
  const delivered = page.locator('#journey tr.message[data-system="ERP US01"]').filter({ hasText: 'HTTP 201' }).last();
  await delivered.locator('summary').click();
  await delivered.locator('pre.message-payload').first().getByText(`${failedPo}-FIXED`).first().waitFor();
  if (await delivered.locator('pre.message-payload').count() !== 2) fail('the ERP call does not show its request and its answer');
  await shot('journey-after-replay');
  ok(`order ${failedOrderId} reached ACCEPTED; its failed message shows the replay SUCCEEDED`);

  step = `replaying the ${batchSize} other failed deliveries as one batch`;
  await page.goto(`${consoleUrl}#/dead-letters?status=NEW&routeId=erp-deliver`);
  const replayAll = page.locator('#replay-all');
  await replayAll.waitFor();
  const label = await replayAll.innerText();
  const selected = Number(label.replace(/\D+/g, ''));
  if (selected < batchSize) fail(`the batch button offers ${selected}, fewer than ${batchSize}: ${label}`);
  await replayAll.click();
  await page.locator('#batch-bar').waitFor();
  await page.locator('#batch-progress[data-done="true"]').waitFor({ timeout: 120_000 });
  const progressText = await page.locator('#batch-text').innerText();
  if (!progressText.includes(`${selected} of ${selected} done - ${selected} delivered, 0 failed again, 0 not replayable`)) {
    fail(`the batch did not deliver all ${selected}: ${progressText}`);
  }
  await page.locator('#dead-letter-list').filter({ hasText: 'None left.' }).waitFor();
  await shot('batch-replayed');
  ok(`batch replay: ${progressText}`);

  step = 'reading the audit';
  await page.goto(`${consoleUrl}#/audit`);
  for (const action of ['REPLAY_EDITED', 'REPLAY_BATCH', 'REPLAY_IN_BATCH']) {
    await page.locator(`#audit-list tr.action[data-action="${action}"]`).filter({ hasText: `console:${operator.user}` }).first().waitFor();
  }
  await shot('audit');
  ok('the audit names the operator for the edited replay, the batch and its replays');

  step = 'following the link to Hawtio';
  await page.locator('#nav-hawtio').click();
  await page.waitForURL(/\/hawtio\//);
  ok(`Hawtio is reachable from the console (${page.url()})`);

  if (problems.length) fail(`the console logged errors: ${problems.join(' | ')}`);
} catch (e) {
  await failAt(step, e, page, shot);
} finally {
  await browser.close().catch(() => {});
}
console.log('support-console: all checks passed');
