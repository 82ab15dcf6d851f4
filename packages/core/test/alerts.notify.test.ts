import { describe, expect, it } from 'vitest';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  SilenceInput,
  type Alert,
  type DistrictScore,
  type Indicator,
  type NotificationItem,
  type Region,
  type Silence,
} from '@region-score/contracts';
import {
  acknowledgeAlert,
  advanceAlerts,
  applySilences,
  evaluateAlertRules,
  formatAlertText,
  groupNotifications,
  resolveAlertRules,
  shouldNotify,
  silenceMatches,
  type AlertContext,
} from '../src/alerts/index';

// --- factories -------------------------------------------------------------------------------

const AT = new Date('2025-03-10T06:00:00.000Z');

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'stale_data.aqmola.akkol.road_quality',
  rule: 'stale_data',
  severity: 'warning',
  state: 'firing',
  region: 'aqmola',
  district: 'akkol',
  indicator: 'road_quality',
  summary: 'Akkol: no road quality report for 45 days (expected every 30 + 7 days)',
  value: 45,
  threshold: 37,
  activeAt: AT.toISOString(),
  firedAt: AT.toISOString(),
  resolvedAt: null,
  updatedAt: AT.toISOString(),
  ack: null,
  silencedBy: null,
  ...over,
});

const silence = (matchers: Silence['matchers'], over: Partial<Silence> = {}): Silence => ({
  id: 's1',
  matchers,
  startsAt: '2025-03-10T00:00:00.000Z',
  endsAt: '2025-03-11T00:00:00.000Z',
  createdBy: 'analyst',
  comment: 'road survey in progress',
  ...over,
});

/** Fifteen districts with Russian and Kazakh names, as in Aqmola. */
const DISTRICTS = [
  ['akkol', 'Аккольский район', 'Ақкөл ауданы'],
  ['arshaly', 'Аршалынский район', 'Аршалы ауданы'],
  ['astrakhan', 'Астраханский район', 'Астрахан ауданы'],
  ['atbasar', 'Атбасарский район', 'Атбасар ауданы'],
  ['bulandy', 'Буландынский район', 'Бұланды ауданы'],
  ['burabay', 'Бурабайский район', 'Бурабай ауданы'],
  ['egindykol', 'Егиндыкольский район', 'Егіндікөл ауданы'],
  ['ereymentau', 'Ерейментауский район', 'Ерейментау ауданы'],
  ['esil', 'Есильский район', 'Есіл ауданы'],
  ['zhaksy', 'Жаксынский район', 'Жақсы ауданы'],
  ['zharkain', 'Жаркаинский район', 'Жарқайың ауданы'],
  ['zerende', 'Зерендинский район', 'Зеренді ауданы'],
  ['korgalzhyn', 'Коргалжынский район', 'Қорғалжын ауданы'],
  ['sandyktau', 'Сандыктауский район', 'Сандықтау ауданы'],
  ['kokshetau', 'город Кокшетау', 'Көкшетау қаласы'],
] as const;

const road: Indicator = {
  id: 'road_quality',
  name: { ru: 'Качество дорог', kk: 'Жол сапасы', en: 'Road quality' },
  unit: '%',
  category: 'infrastructure',
  direction: 'higher',
  weight: 1,
  mode: 'level',
  trajectory: 'linear',
  frequencyDays: 30,
  graceDays: 7,
  required: true,
};

const REGION: Region = {
  id: 'aqmola',
  name: { ru: 'Акмолинская область', kk: 'Ақмола облысы', en: 'Aqmola Region' },
  timezone: 'Asia/Almaty',
  scoring: { cap: 120, thresholds: { onTrack: 90, atRisk: 75 } },
  indicators: [road],
  districts: DISTRICTS.map(([id, ru, kk]) => ({
    id,
    kind: id === 'kokshetau' ? 'city' : 'district',
    name: { ru, kk, en: id },
  })),
  targets: [],
};

const staleContext = (district: string): AlertContext => {
  const score: DistrictScore = {
    region: 'aqmola',
    district,
    score: 80,
    status: 'at_risk',
    coverage: 0,
    version: 3,
    methodology: '1.0.0',
    computedAt: AT.toISOString(),
    indicators: [
      {
        indicator: 'road_quality',
        value: null,
        valueDate: null,
        target: 90,
        baseline: null,
        planToDate: 90,
        score: 0,
        status: 'no_data',
        counted: true,
        fresh: false,
        weight: 1,
        contribution: 0,
        impact: -100,
        forecast: null,
      },
    ],
  };
  return {
    region: REGION,
    district,
    score,
    lastReported: { road_quality: '2025-01-20' },
    dailyScores: [],
    rank: null,
    previousRank: null,
    today: '2025-03-10',
    active: new Set(),
  };
};

const nameIn = (lang: 'ru' | 'kk') => (id: string) =>
  REGION.districts.find((d) => d.id === id)?.name[lang] ?? id;

// --- silences and acks -----------------------------------------------------------------------

describe('silences', () => {
  it('match when every given matcher equals the alert, within the window', () => {
    const a = alert();
    expect(silenceMatches(silence({ district: 'akkol' }), a, AT)).toBe(true);
    expect(
      silenceMatches(
        silence({ rule: 'stale_data', indicator: 'road_quality', severity: 'warning' }),
        a,
        AT,
      ),
    ).toBe(true);
    expect(silenceMatches(silence({ district: 'akkol', severity: 'critical' }), a, AT)).toBe(false);
    expect(silenceMatches(silence({ region: 'kostanay' }), a, AT)).toBe(false);
    expect(silenceMatches(silence({ indicator: 'jobs' }), alert({ indicator: null }), AT)).toBe(
      false,
    );
  });

  it('match only from startsAt until before endsAt', () => {
    const s = silence({ district: 'akkol' });
    expect(silenceMatches(s, alert(), new Date('2025-03-09T23:59:59.999Z'))).toBe(false);
    expect(silenceMatches(s, alert(), new Date('2025-03-10T00:00:00.000Z'))).toBe(true);
    expect(silenceMatches(s, alert(), new Date('2025-03-11T00:00:00.000Z'))).toBe(false);
    expect(silenceMatches({ ...s, endsAt: 'never' }, alert(), AT)).toBe(false);
  });

  it('match conditions too, before they become alerts', () => {
    const [c] = evaluateAlertRules(staleContext('zerende'), resolveAlertRules(undefined));
    expect(c && silenceMatches(silence({ district: 'zerende', rule: 'stale_data' }), c, AT)).toBe(
      true,
    );
  });

  it('are recorded on the alert by applySilences', () => {
    const a = alert();
    expect(
      applySilences(
        a,
        [silence({ district: 'zerende' }), silence({ district: 'akkol' }, { id: 's2' })],
        AT,
      ).silencedBy,
    ).toBe('s2');
    expect(applySilences(a, [], AT)).toBe(a);
  });

  it('have an input schema that refuses a silence matching everything', () => {
    // TypeBox checks no formats until told how; the API's validator knows date-time already.
    if (!FormatRegistry.Has('date-time')) {
      FormatRegistry.Set('date-time', (v) => !Number.isNaN(Date.parse(v)));
    }
    const body = {
      matchers: { district: 'akkol' },
      endsAt: '2025-03-11T00:00:00Z',
      comment: 'survey',
    };
    expect(Value.Check(SilenceInput, body)).toBe(true);
    expect(Value.Check(SilenceInput, { ...body, matchers: {} })).toBe(false);
  });
});

describe('shouldNotify', () => {
  it('notifies firing alerts and the resolution of a fired one', () => {
    expect(shouldNotify(alert(), [], AT)).toBe(true);
    expect(shouldNotify(alert({ state: 'resolved', resolvedAt: AT.toISOString() }), [], AT)).toBe(
      true,
    );
    expect(shouldNotify(alert({ state: 'pending', firedAt: null }), [], AT)).toBe(false);
    expect(shouldNotify(alert({ state: 'resolved', firedAt: null }), [], AT)).toBe(false);
  });

  it('does not notify acknowledged alerts', () => {
    const acked = acknowledgeAlert(alert(), 'analyst', 'calling the district', AT);
    expect(acked.ack).toEqual({
      by: 'analyst',
      at: AT.toISOString(),
      comment: 'calling the district',
    });
    expect(shouldNotify(acked, [], AT)).toBe(false);
    expect(shouldNotify({ ...acked, state: 'resolved' }, [], AT)).toBe(false);
  });

  it('does not notify silenced alerts while the silence lasts', () => {
    const s = silence({ district: 'akkol' });
    expect(shouldNotify(alert(), [s], AT)).toBe(false);
    expect(shouldNotify(alert(), [s], new Date('2025-03-12T00:00:00Z'))).toBe(true);
    expect(shouldNotify(alert({ district: 'zerende' }), [s], AT)).toBe(true);
  });
});

// --- grouping and text -----------------------------------------------------------------------

describe('groupNotifications', () => {
  /** Fifteen districts going stale in one evaluation, through the real rules and lifecycle. */
  const fifteen = (): NotificationItem[] =>
    DISTRICTS.flatMap(([id]) => {
      const conditions = evaluateAlertRules(staleContext(id), resolveAlertRules(undefined));
      return advanceAlerts([], conditions, AT).flatMap(({ alert: a, transition: t }) =>
        a && t && shouldNotify(a, [], AT) ? [{ alert: a, transition: t }] : [],
      );
    });

  it('puts fifteen districts going stale at once into one message', () => {
    const items = fifteen();
    expect(items).toHaveLength(15);
    const groups = groupNotifications(items);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.key).toBe('rule=stale_data,region=aqmola,severity=warning');
    expect(groups[0]?.items).toHaveLength(15);
  });

  it('splits by the labels asked for', () => {
    const items = fifteen();
    const critical = { ...items[0], alert: alert({ severity: 'critical' }) } as NotificationItem;
    expect(groupNotifications([...items, critical]).map((g) => g.items.length)).toEqual([15, 1]);
    expect(groupNotifications(items, ['district'])).toHaveLength(15);
    expect(groupNotifications(items, [])).toHaveLength(1);
  });

  it('writes Russian and Kazakh messages naming every district', () => {
    const alerts = groupNotifications(fifteen())[0]?.items.map((i) => i.alert) ?? [];
    const ru = formatAlertText(alerts, 'ru', nameIn('ru'), () => 'Качество дорог');
    const kk = formatAlertText(alerts, 'kk', nameIn('kk'), () => 'Жол сапасы');
    for (const [, ruName, kkName] of DISTRICTS) {
      expect(ru).toContain(ruName);
      expect(kk).toContain(kkName);
    }
    expect(ru.split('\n').slice(0, 3)).toEqual([
      '🟠 Нет свежих данных — предупреждение',
      'Сработало (15):',
      '• Аккольский район — Качество дорог: нет данных 49 дн.',
    ]);
    expect(kk.split('\n')[0]).toBe('🟠 Жаңа деректер жоқ — ескерту');
    expect(kk).toContain('• Ақкөл ауданы — Жол сапасы: 49 күн бойы дерек жоқ');
  });

  it('lists resolved alerts apart and formats numbers for the language', () => {
    const behind = alert({ rule: 'behind_plan', severity: 'critical', value: 71.5, threshold: 75 });
    const fixed = alert({ district: 'zerende', state: 'resolved' });
    const names = (id: string) => (id === 'akkol' ? 'Akkol' : 'Zerende');
    expect(formatAlertText([behind, fixed], 'en', names).split('\n')).toEqual([
      '🔴 Alerts — critical',
      'Firing (1):',
      '• Akkol — road_quality: 71.5% of plan (threshold 75%)',
      'Resolved (1):',
      '• Zerende — road_quality',
    ]);
    expect(formatAlertText([behind], 'ru', names)).toContain('выполнение плана 71,5% (порог 75%)');
    expect(formatAlertText([fixed], 'kk', names).split('\n')[0]).toBe('✅ Жаңа деректер жоқ');
    expect(formatAlertText([], 'en', names)).toBe('');
  });
});
