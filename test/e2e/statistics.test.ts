import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { loginInBrowser, withProductAndBrowser } from '../support/browser.js';
import { classifyCallInViXuyen } from '../support/e2e-cases.js';
import { TEST_TWILIO } from '../support/twilio.js';
import { until } from '../support/until.js';

const PUBLIC = 'https://hotline111.test';
/** Two calls from Xã Vị Xuyên (2025 map), one from old Xã Đạo Đức (huyện Vị Xuyên, Hà Giang), now part of Xã Vị Xuyên. */
const NEW_CASES = 2;
const OLD_CASES = 1;
const CASES = NEW_CASES + OLD_CASES;

/** Today in Vietnam (the statistics' days are Vietnamese days), as YYYY-MM-DD and as the page writes it. */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const todayText = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;

describe('browser: a supervisor reads the statistics for a period and downloads the 12-month report', function () {
  this.timeout(120_000);
  const session = withProductAndBrowser('e2e_stats', PUBLIC, TEST_TWILIO);

  it('shows the cases just classified, builds the workbook in the background and downloads it', async () => {
    const { product, page, db } = session;
    // The demo has agencies and users but no contacts: trafficking calls from Vị Xuyên, one naming the old commune,
    // through the real API, and the referrals the routing worker makes for them.
    const ids: number[] = [];
    for (let i = 0; i < NEW_CASES; i++) ids.push(await classifyCallInViXuyen(product.url, db, PUBLIC));
    for (let i = 0; i < OLD_CASES; i++) ids.push(await classifyCallInViXuyen(product.url, db, PUBLIC, { dataset: 'vn-2023', code: '00955' }));
    const countReferrals = async () =>
      (await db.query('select count(*)::int as n from referrals where contact_id = any($1::bigint[])', [ids])).rows[0].n as number;
    await until(async () => (await countReferrals()) >= CASES);

    await loginInBrowser(page, product.url, 'supervisor', 'supervisor');
    await page.getByTestId('nav-stats').click();
    await page.getByTestId('stats-page').waitFor();
    await page.getByTestId('stat-table-contacts_by_classification').waitFor();

    // A period that ends before it starts is refused at its field, before anything is asked.
    const before = page.url();
    // The dates are typed and shown day first (dd/mm/yyyy), whatever the browser's locale.
    await page.getByTestId('stats-from').fill(todayText);
    await page.getByTestId('stats-to').fill('01/01/2020');
    await page.getByTestId('stats-apply').click();
    expect(await page.locator('#stats-to-error').innerText()).to.include('Ngày kết thúc phải sau');
    expect(page.url()).to.equal(before);

    // A preset fills both dates; then a custom period: today only.
    await page.getByTestId('stats-preset').selectOption('last_12_months');
    expect(await page.getByTestId('stats-to').inputValue()).to.equal(todayText);
    await page.getByTestId('stats-from').fill(todayText);
    await page.getByTestId('stats-apply').click();
    await page.waitForURL((u) => u.searchParams.get('from') === today && u.searchParams.get('to') === today);
    await page.locator('[data-testid="stats-summary"]', { hasText: `${todayText} – ${todayText}` }).waitFor();
    await page.locator('[data-testid="stats-body"]:not([aria-busy])').waitFor();
    // A half-width card folds its table under its chart: the supervisor opens those read here (they stay open).
    for (const id of ['cases_by_purpose', 'victims_by_sex', 'victims_by_ethnicity', 'referrals_by_status'])
      await page.locator(`[data-testid="stat-details-${id}"] > summary`).click();

    const cell = (table: string, row: string, col: string) =>
      page.locator(`[data-testid="stat-table-${table}"] tr[data-key="${row}"] [data-col="${col}"]`).innerText();
    expect(await cell('contacts_by_classification', 'trafficking', 'n')).to.equal(String(CASES));
    expect(await cell('contacts_by_classification', 'total', 'n')).to.equal(String(CASES));
    expect(await cell('cases_by_purpose', 'forced_labour', 'trafficking')).to.equal(String(CASES));
    expect(await cell('victims_by_sex', 'female', 'trafficking')).to.equal(String(CASES));
    // Victims by ethnic group: the stored code (08), named as the GSO list names it.
    expect(await cell('victims_by_ethnicity', '08', 'total')).to.equal(String(CASES));
    const ethnicRow = page.locator('[data-testid="stat-table-victims_by_ethnicity"] tr[data-key="08"] th');
    expect(await ethnicRow.innerText()).to.equal('HMông');
    expect(await cell('referrals_by_status', 'total', 'n')).to.equal(String(await countReferrals()));
    // Each table has its CSV, for the same period.
    const csv = await page.getByTestId('stat-csv-contacts_by_classification').getAttribute('href');
    expect(csv).to.equal(`/api/stats/contacts_by_classification.csv?from=${today}&to=${today}`);

    // An old area: Hà Giang before the reform, shown with its mark and what it is today; it counts its own units only.
    await page.getByTestId('stats-area-dataset').selectOption('vn-2023');
    await page.getByTestId('stats-area-province').selectOption({ label: 'Tỉnh Hà Giang' });
    await page.locator('[data-testid="stats-area-path"]', { hasText: 'Tỉnh Hà Giang (trước 01/7/2025)' }).waitFor();
    expect(await page.getByTestId('stats-area-now').innerText()).to.include('nay thuộc: Tuyên Quang');
    await page.getByTestId('stats-apply').click();
    await page.locator('[data-testid="stats-summary"]', { hasText: 'Tỉnh Hà Giang (trước 01/7/2025)' }).waitFor();
    await page.locator('[data-testid="stats-body"]:not([aria-busy])').waitFor();
    expect(await cell('contacts_by_classification', 'trafficking', 'n')).to.equal(String(OLD_CASES));
    expect(await page.getByTestId('stats-area-note').getAttribute('data-kind')).to.equal('old_units');

    // Tuyên Quang (the 2025 map) holds Xã Vị Xuyên and old Xã Đạo Đức: every case counts there, and the note says how
    // many were recorded with old units. The choice goes into the URL as a unit id.
    await page.getByTestId('stats-area-dataset').selectOption('vn-2025');
    await page.getByTestId('stats-area-province').selectOption({ label: 'Tuyên Quang' });
    await page.locator('[data-testid="stats-area-path"]', { hasText: 'Khu vực đã chọn: Tuyên Quang' }).waitFor();
    await page.getByTestId('stats-apply').click();
    await page.waitForURL((u) => u.searchParams.get('province') === '08' && u.searchParams.get('dataset') === 'vn-2025' && u.searchParams.has('areaId'));
    await page.locator('[data-testid="stats-summary"]', { hasText: 'Địa bàn: Tuyên Quang' }).waitFor();
    await page.locator('[data-testid="stats-body"]:not([aria-busy])').waitFor();
    expect(await cell('contacts_by_classification', 'trafficking', 'n')).to.equal(String(CASES));
    expect(await page.getByTestId('stats-area-note').innerText()).to.include(`(theo bảng chuyển đổi 2025): ${OLD_CASES} liên hệ.`);
    const provinceRow = page.locator(`[data-testid="stat-table-cases_by_province"] tbody tr`);
    expect(await provinceRow.count()).to.equal(1);
    expect(await provinceRow.locator('th').innerText()).to.equal('Tuyên Quang');
    await page.screenshot({ path: 'test-results/statistics.png' });

    // Back to the whole country, then the 12-month report: queued at once, built by the reports worker.
    await page.getByTestId('stats-area-province').selectOption('');
    await page.getByTestId('stats-apply').click();
    await page.waitForURL((u) => !u.searchParams.has('areaId'));
    // The national tables are on screen (the area's crosswalk note gone): the report buttons now ask for the whole country.
    await page.getByTestId('stats-area-note').waitFor({ state: 'detached' });
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/reports') && r.request().method() === 'POST'),
      page.getByTestId('report-create-12').click(),
    ]);
    expect(created.status()).to.equal(202);
    const { report } = (await created.json()) as { report: { id: number; status: string; params: { from: string; to: string } } };
    expect(report.status).to.equal('queued');
    expect(report.params.to).to.equal(today);
    const item = page.getByTestId(`report-${report.id}`);
    await item.waitFor();
    await page.locator(`[data-testid="report-${report.id}"][data-status="done"]`).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/statistics-report.png' });

    // The workbook, downloaded through the page: a cover sheet with the title, a sheet per table in Vietnamese.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`report-download-${report.id}`).click()]);
    expect(download.suggestedFilename()).to.match(/^bao-cao-thong-ke_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}_toan-quoc\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const cover = wb.getWorksheet('Thông tin chung')!;
    expect(cover, 'cover sheet').to.exist;
    expect(String(cover.getRow(1).getCell(1).value)).to.include('BÁO CÁO THỐNG KÊ');
    expect(String(cover.getRow(3).getCell(1).value)).to.equal('Địa bàn: Toàn quốc');
    const sheet = wb.getWorksheet('Phân loại')!;
    expect(sheet, 'classification sheet').to.exist;
    expect(String(sheet.getRow(1).getCell(1).value)).to.equal('SỐ CUỘC GỌI, TIN NHẮN THEO PHÂN LOẠI');
    expect([sheet.getRow(5).getCell(1).value, sheet.getRow(5).getCell(2).value]).to.deep.equal(['Phân loại', 'Số lượt']);
    expect([sheet.getRow(6).getCell(1).value, sheet.getRow(6).getCell(2).value]).to.deep.equal(['Mua bán người', CASES]);
    const audited = await db.query(`select count(*)::int as n from audit_log where action = 'report.download' and entity_id = $1`, [report.id]);
    expect(audited.rows[0].n).to.equal(1);

    // The print-friendly page (a new tab): the stored figures, no console chrome.
    const [printTab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(`report-print-${report.id}`).click()]);
    await printTab.getByTestId('report-print-title').waitFor();
    expect(await printTab.locator('.app-header').count()).to.equal(0);
    expect(await printTab.locator('[data-testid="print-table-contacts_by_classification"] tr[data-key="trafficking"] [data-col="n"]').innerText()).to.equal(String(CASES));
    await printTab.screenshot({ path: 'test-results/statistics-print.png' });
    await printTab.close();

    // The same figures in English: the server sends both languages.
    await page.getByRole('button', { name: 'EN' }).click();
    await page.locator('#stat-title-contacts_by_classification', { hasText: 'Contacts by classification' }).waitFor();
    expect(await ethnicRow.innerText()).to.equal('Hmong');
    await page.screenshot({ path: 'test-results/statistics-en.png' });
  });

  it('shows a server refusal at its field: an unknown area', async () => {
    const { product, page } = session;
    await page.goto(`${product.url}/stats?from=${today}&to=${today}&areaId=99999999`);
    await page.locator('#stats-area-error').waitFor();
    expect(await page.locator('[data-testid="stats-area-province"]').getAttribute('aria-invalid')).to.equal('true');
    expect(await page.getByTestId('stats-body').count()).to.equal(0);
  });
});
