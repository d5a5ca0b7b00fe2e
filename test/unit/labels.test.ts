import { expect } from 'chai';
import { AGENCY_TYPES, SUPPORT_REGIMES } from '../../shared/agencies.js';
import {
  AGE_BANDS, CALL_TYPES, CHANNELS, CLASSIFICATIONS, CONSENTS, CONTACT_STATUSES, TRAFFICKING_PURPOSES, VICTIM_SEXES, WISHES,
} from '../../shared/intake.js';
import {
  COUNTRY_NAMES, LABELS, type L, type LabelKind, SUPPORT_REGIME_LETTERS, countryName, label, supportRegimeLabel,
} from '../../shared/i18n/labels.js';
import { INDICATOR_GROUPS, INDICATORS } from '../../shared/triage/indicators.js';
import { OUTCOMES, REFERRAL_STATUSES, TARGET_SCOPES, WHY_REASONS } from '../../shared/referrals.js';
import { CLOCK_KINDS } from '../../shared/sla/sla.js';

/** The enumeration each label table must cover (a new kind without an enumeration here fails to compile). */
const ENUMS = {
  channel: CHANNELS,
  contactStatus: CONTACT_STATUSES,
  callType: CALL_TYPES,
  classification: CLASSIFICATIONS,
  purpose: TRAFFICKING_PURPOSES,
  indicatorGroup: Object.keys(INDICATOR_GROUPS),
  indicator: INDICATORS,
  ageBand: AGE_BANDS,
  victimSex: VICTIM_SEXES,
  wish: WISHES,
  consent: CONSENTS,
  supportRegime: SUPPORT_REGIMES,
  agencyType: AGENCY_TYPES,
  referralStatus: REFERRAL_STATUSES,
  outcome: OUTCOMES,
  clockKind: CLOCK_KINDS,
  whyReason: WHY_REASONS,
  targetScope: TARGET_SCOPES,
} satisfies Record<LabelKind, readonly string[]>;

/** Brand names are the same in both languages. */
const SAME_IN_BOTH = new Set(['channel.whatsapp', 'channel.zalo', 'channel.facebook']);
/** Vietnamese labels that legitimately carry no diacritic. */
const NO_DIACRITIC = new Set([...SAME_IN_BOTH, 'victimSex.male']);

const hasDiacritic = (s: string) => /[\u0300-\u036f]|đ|Đ/.test(s.normalize('NFD'));
const entries = (kind: LabelKind) => Object.entries(LABELS[kind] as Record<string, L>);

describe('labels (shared/i18n/labels.ts)', () => {
  for (const kind of Object.keys(ENUMS) as LabelKind[]) {
    describe(kind, () => {
      it('labels exactly the values of the enumeration', () => {
        expect(Object.keys(LABELS[kind])).to.have.members([...ENUMS[kind]]);
        expect(Object.keys(LABELS[kind]).length).to.equal(ENUMS[kind].length);
      });

      it('has non-empty, trimmed vi and en labels', () => {
        for (const [value, l] of entries(kind)) {
          expect(l.vi, `${kind}.${value}.vi`).to.be.a('string').and.not.equal('');
          expect(l.en, `${kind}.${value}.en`).to.be.a('string').and.not.equal('');
          expect(l.vi, `${kind}.${value}.vi`).to.equal(l.vi.trim());
          expect(l.en, `${kind}.${value}.en`).to.equal(l.en.trim());
        }
      });

      it('has Vietnamese labels that differ from the English ones and carry diacritics (NFC)', () => {
        for (const [value, l] of entries(kind)) {
          const key = `${kind}.${value}`;
          if (!SAME_IN_BOTH.has(key)) expect(l.vi, key).not.to.equal(l.en);
          if (!NO_DIACRITIC.has(key)) expect(hasDiacritic(l.vi), `${key} vi "${l.vi}" has no diacritics`).to.equal(true);
          expect(l.vi, `${key} vi is not NFC`).to.equal(l.vi.normalize('NFC'));
          expect(hasDiacritic(l.en), `${key} en "${l.en}" looks Vietnamese`).to.equal(false);
        }
      });

      it('gives distinct values distinct labels in each language', () => {
        const vi = entries(kind).map(([, l]) => l.vi.toLowerCase());
        const en = entries(kind).map(([, l]) => l.en.toLowerCase());
        expect(new Set(vi).size, 'vi').to.equal(vi.length);
        expect(new Set(en).size, 'en').to.equal(en.length);
      });
    });
  }

  it('uses the hotline vocabulary for the key values', () => {
    expect(LABELS.channel.voice.vi).to.equal('Cuộc gọi');
    expect(LABELS.channel.app_111.vi).to.equal('Ứng dụng 111');
    expect(LABELS.callType.silent.vi).to.equal('Cuộc gọi im lặng');
    expect(LABELS.callType.report.vi).to.equal('Thông báo/tố giác');
    expect(LABELS.classification.trafficking.vi).to.equal('Mua bán người');
    expect(LABELS.classification.suspected_trafficking.vi).to.equal('Nghi mua bán người');
    expect(LABELS.purpose.sexual_exploitation.vi).to.equal('Bóc lột tình dục');
    expect(LABELS.purpose.forced_labour.vi).to.equal('Cưỡng bức lao động');
    expect(Object.values(LABELS.indicatorGroup).map((l) => l.vi)).to.deep.equal(['Tuyển mộ', 'Vận chuyển', 'Kiểm soát', 'Bóc lột']);
    expect(LABELS.wish.go_home.vi).to.equal('Về gia đình');
    expect(LABELS.consent.legal_representative.vi).to.equal('Người đại diện hợp pháp đồng ý');
    expect(LABELS.supportRegime.dd.vi).to.equal('Trợ giúp pháp lý');
    expect(LABELS.supportRegime.k.vi).to.equal('Trợ cấp khó khăn ban đầu và vay vốn');
  });

  describe('label()', () => {
    it('returns the label in the language asked', () => {
      expect(label('classification', 'trafficking', 'vi')).to.equal('Mua bán người');
      expect(label('classification', 'trafficking', 'en')).to.equal('Trafficking');
      expect(label('indicator', 'easy_job_high_pay', 'vi')).to.include('việc nhẹ lương cao');
    });

    it('falls back to the value itself for a value it does not know (an old row)', () => {
      expect(label('channel', 'fax' as never, 'vi')).to.equal('fax');
      expect(label('channel', 'toString' as never, 'en')).to.equal('toString');
    });
  });

  describe('support regimes', () => {
    it("shows 'dd' as the law's letter đ", () => {
      expect(SUPPORT_REGIME_LETTERS.dd).to.equal('đ');
      expect(supportRegimeLabel('dd', 'vi')).to.equal('đ) Trợ giúp pháp lý');
      expect(supportRegimeLabel('a', 'en')).to.equal('a) Essential needs');
    });

    it('keeps every other letter as stored, and all letters distinct', () => {
      for (const r of SUPPORT_REGIMES) if (r !== 'dd') expect(SUPPORT_REGIME_LETTERS[r]).to.equal(r);
      expect(new Set(Object.values(SUPPORT_REGIME_LETTERS)).size).to.equal(SUPPORT_REGIMES.length);
    });
  });

  describe('countries', () => {
    it('names the countries that matter in both languages', () => {
      for (const code of ['VN', 'KH', 'CN', 'LA', 'MM', 'TH', 'MY', 'KR', 'JP', 'TW', 'SG', 'ID', 'PH']) {
        expect(COUNTRY_NAMES, code).to.have.property(code);
        const l = COUNTRY_NAMES[code as keyof typeof COUNTRY_NAMES];
        expect(l.vi, code).not.to.equal(l.en);
        expect(l.vi.trim(), code).not.to.equal('');
      }
      expect(countryName('KH', 'vi')).to.equal('Campuchia');
      expect(countryName('KH', 'en')).to.equal('Cambodia');
      expect(countryName('cn', 'vi')).to.equal('Trung Quốc');
    });

    it("names other countries from the runtime's CLDR data, and falls back to the code for what is not a country", () => {
      expect(countryName('FR', 'vi')).to.equal('Pháp');
      expect(countryName('de', 'en')).to.equal('Germany');
      expect(countryName('ZZ', 'vi')).to.equal('ZZ');
      expect(countryName('abc', 'en')).to.equal('ABC');
    });
  });
});
