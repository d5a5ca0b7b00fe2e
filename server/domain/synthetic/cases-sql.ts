import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ethnicitySql } from './ethnicity-mix.js';
import { BORDER_PROVINCES } from './setup.js';

/**
 * Victims of the batch's cases: one (85 %), two (10 %) or three to five. Trafficking victims are mostly women and
 * young adults, other child-protection victims are children; their ethnic groups follow the province (ethnicity-mix.ts),
 * 5 % unknown, and a foreign national is recorded as such (55). Only the band and, for some, an age: no name, no birth date.
 */
export async function insertVictims(conn: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`
    with v as (
      select c.contact_id, c.classification, c.province_code, g.position, random() as u_sex, random() as u_age, random() as u_exact,
             random() as u_eth, random() as u_nat, random() as u_in
      from syn_cases c
      cross join lateral generate_series(0, (case when random() + 0 * c.contact_id < 0.85 then 1 when random() < 0.67 then 2 else 3 + floor(random() * 3)::int end) - 1) as g(position)
      offset 0
    ),
    banded as (
      select v.*,
        case when classification = 'other_child_protection'
               then case when u_age < 0.15 then '0-5' when u_age < 0.45 then '6-11' when u_age < 0.80 then '12-15' when u_age < 0.98 then '16-17' else 'unknown' end
             else case when u_age < 0.02 then '6-11' when u_age < 0.12 then '12-15' when u_age < 0.27 then '16-17' when u_age < 0.62 then '18-24'
                       when u_age < 0.90 then '25-39' when u_age < 0.97 then '40-59' when u_age < 0.98 then '60+' else 'unknown' end end as band
      from v
    ),
    aged as (
      select b.*,
        case when band = 'unknown' or u_exact >= 0.6 then null
             else (case band when '0-5' then 0 when '6-11' then 6 when '12-15' then 12 when '16-17' then 16 when '18-24' then 18
                             when '25-39' then 25 when '40-59' then 40 else 60 end)
                  + floor(u_in * (case band when '0-5' then 6 when '6-11' then 6 when '12-15' then 4 when '16-17' then 2 when '18-24' then 7
                                                when '25-39' then 15 when '40-59' then 20 else 15 end))::int end as age
      from banded b
    ),
    nationals as (
      select a.*,
        case when u_nat < 0.97 then 'VN' when u_nat < 0.98 then 'LA' when u_nat < 0.99 then 'KH' when u_nat < 0.995 then 'CN' end as nat
      from aged a
    ),
    ins as (
      insert into contact_victims (contact_id, position, sex, age, age_band, ethnicity, nationality, under18)
      select contact_id, position,
        case when classification = 'other_child_protection'
               then case when u_sex < 0.55 then 'female' when u_sex < 0.98 then 'male' else 'unknown' end
             else case when u_sex < 0.70 then 'female' when u_sex < 0.98 then 'male' when u_sex < 0.99 then 'other' else 'unknown' end end,
        age, band,
        case when nat <> 'VN' then '55' when u_eth < 0.05 then null
             else ${ethnicitySql('province_code', '((u_eth - 0.05) / 0.95)')} end,
        nat,
        case when band = 'unknown' then null else band in ('0-5', '6-11', '12-15', '16-17') end
      from nationals
      returning 1
    )
    select count(*)::int as n from ins`.execute(conn);
  return r.rows[0]!.n;
}

/** The reasons synthetic referrals give, already encrypted (stored like any typed reason), or null. */
export interface SyntheticReasons {
  declined: string | null;
  notSuccessful: string | null;
}

/** A log-normal duration in hours: median m, spread s (Box–Muller from two uniforms). */
const logNormalHours = (m: number, s: number, u1: string, u2: string) =>
  sql.raw(`exp(ln(${m}) + ${s} * sqrt(-2 * ln(1 - ${u1})) * cos(2 * pi() * ${u2}))`);

/**
 * Referrals of the batch's cases on the default tracks (domain.md, "Routing"): always the local office (3 % left to
 * the supervisor); the police for trafficking or immediate danger; a shelter when the victim wishes; the Border Guard
 * for half of the trafficking cases abroad or in a border province. 6 % of primary referrals are declined and go to
 * another office. Statuses and times follow the case's age at `now`: acknowledgement in minutes to hours, first
 * action within days, closure within weeks (log-normal), most closed successfully.
 */
export async function insertReferrals(conn: Kysely<DB>, now: Date, reasons: SyntheticReasons): Promise<number> {
  const r = await referralsSql(now, reasons).execute(conn);
  return r.rows[0]!.n;
}

export function referralsSql(now: Date, reasons: SyntheticReasons) {
  return sql<{ n: number }>`
    with tracks as (
      select c.*, t.track, t.priority, a.attempt, a.attempts, ua.primary_id, ua.alt_id, ua.police_id, ua.shelter_id, ua.border_id,
             random() as u_status, random() as u_sup, random() as u1, random() as u2, random() as u3, random() as u4, random() as u5,
             random() as u6, random() as u_outcome
      from syn_cases c
      left join syn_unit_agency ua on ua.unit_id = c.route_unit_id and ua.period = c.period
      cross join lateral (
        select track, case when c.immediate_danger then 'urgent' when c.classification = 'other_child_protection' then 'other_child_protection'
                           else c.classification end as priority
        from (values ('primary', true),
                     ('police', c.classification = 'trafficking' or c.immediate_danger),
                     ('shelter', c.wishes = 'shelter'),
                     -- The Border Guard track is skipped where the province has none (its rule says so).
                     ('border_guard', c.classification <> 'other_child_protection' and ua.border_id is not null
                        and (c.location_kind = 'abroad' or c.province_code = any(${BORDER_PROVINCES}::text[])) and random() < 0.5)) t(track, wanted)
        where wanted
      ) t
      cross join lateral (
        select n as attempts, generate_series(1, n) as attempt
        from (select case when t.track = 'primary' and ua.primary_id is not null and random() + 0 * c.contact_id < 0.06 then 2 else 1 end as n) q
      ) a
      offset 0
    ),
    routed as materialized (
      select x.*,
        -- The agencies routing picks on the map of the case's day, in its own province; none → the supervisor's queue.
        case when track = 'primary' and attempts = 1 and u_sup < 0.03 then null
             when track = 'primary' then case when attempt = 2 then alt_id else primary_id end
             when track = 'police' then police_id
             when track = 'shelter' then shelter_id
             else border_id end as agency_id,
        closed_at + interval '3 seconds' + (attempt - 1) * interval '2 hours' as created,
        ${logNormalHours(1, 1.1, 'u1', 'u2')} * (case priority when 'urgent' then 0.15 when 'trafficking' then 0.5 when 'suspected_trafficking' then 1.5 else 3 end) as ack_h,
        ${logNormalHours(1, 0.9, 'u3', 'u4')} * (case priority when 'urgent' then 1.5 when 'trafficking' then 12 when 'suspected_trafficking' then 24 else 30 end) as fa_h,
        ${logNormalHours(1, 0.6, 'u5', 'u6')} * 24 * (case priority when 'urgent' then 12 when 'trafficking' then 18 when 'suspected_trafficking' then 25 else 30 end) as close_h
      from tracks x
    ),
    timed as materialized (
      select r.*,
        case when agency_id is null or attempt < attempts or u_status < 0.05 then null
             when created + ack_h * interval '1 hour' <= ${now} then created + ack_h * interval '1 hour' end as accepted_at
      from routed r
    ),
    timed2 as materialized (
      select t.*, case when accepted_at + fa_h * interval '1 hour' <= ${now} then accepted_at + fa_h * interval '1 hour' end as first_action_at
      from timed t
    ),
    timed3 as materialized (
      select t.*, case when first_action_at + close_h * interval '1 hour' <= ${now} then first_action_at + close_h * interval '1 hour' end as done_at
      from timed2 t
    ),
    final as (
      select t.*,
        case when agency_id is null then 'needs_supervisor'
             when attempt < attempts then 'declined'
             when u_status < 0.02 and created + interval '2 days' <= ${now} then 'expired'
             when u_status < 0.05 and created + interval '1 day' <= ${now} then 'cancelled'
             when u_status < 0.05 then 'pending'
             when done_at is not null then 'closed' when first_action_at is not null then 'in_progress'
             when accepted_at is not null then 'accepted' else 'pending' end as status
      from timed3 t
    ),
    ins as (
      insert into referrals (contact_id, track, agency_id, status, priority, why, decline_reason_enc, outcome, outcome_reason_enc,
                             created_at, accepted_at, first_action_at, closed_at, updated_at)
      select contact_id, track, agency_id, status, priority,
        '{"rule":null,"target":null,"explanation":"synthetic data (npm run seed:synthetic)"}',
        case when status = 'declined' then ${reasons.declined} end,
        case when status = 'closed' then case when u_outcome < 0.82 then 'successful' else 'not_successful' end end,
        case when status = 'closed' and u_outcome >= 0.82 then ${reasons.notSuccessful} end,
        created, accepted_at, first_action_at, case when status = 'closed' then done_at end,
        case status when 'declined' then created + ack_h * interval '1 hour' when 'expired' then created + interval '2 days'
                    when 'cancelled' then created + interval '1 day' else coalesce(done_at, first_action_at, accepted_at, created) end
      from final
      returning id, contact_id, agency_id, status, priority, created_at, accepted_at, first_action_at, closed_at, updated_at
    ),
    kept as (insert into syn_refs select * from ins returning 1)
    select count(*)::int as n from kept`;
}

/**
 * SLA clocks (acknowledge, first action, close) of the batch's referrals with the default policies' targets
 * (domain.md): met on time, met late (breached first), breached and still open, running, or stopped when the
 * referral left the agency. Business-hour targets are approximated on the wall clock here.
 */
export async function insertClocks(conn: Kysely<DB>, now: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    with k as (
      select r.*, kind, target_h, target, event_at, r.created_at + target_h * interval '1 hour' as due_at
      from syn_refs r
      cross join lateral (values
        ('acknowledge', case r.priority when 'urgent' then 0.25 when 'trafficking' then 1 when 'suspected_trafficking' then 4 else 24 end,
           case r.priority when 'urgent' then '{"value":15,"unit":"minutes"}' when 'trafficking' then '{"value":1,"unit":"hours"}'
                           when 'suspected_trafficking' then '{"value":4,"unit":"hours"}' else '{"value":8,"unit":"business_hours"}' end, r.accepted_at),
        ('first_action', case r.priority when 'urgent' then 2 when 'other_child_protection' then 120 else 72 end,
           case r.priority when 'urgent' then '{"value":2,"unit":"hours"}' when 'other_child_protection' then '{"value":3,"unit":"business_days"}'
                           else '{"value":72,"unit":"hours"}' end, r.first_action_at),
        ('close', case r.priority when 'suspected_trafficking' then 1080 when 'other_child_protection' then 1440 else 720 end,
           case r.priority when 'suspected_trafficking' then '{"value":45,"unit":"days"}' when 'other_child_protection' then '{"value":60,"unit":"days"}'
                           else '{"value":30,"unit":"days"}' end, r.closed_at)
      ) t(kind, target_h, target, event_at)
      where r.agency_id is not null
    ),
    s as (
      select k.*,
        case when status in ('declined', 'cancelled') or (status = 'expired' and kind <> 'acknowledge') then 'stopped'
             when event_at is not null then case when event_at <= due_at then 'met' else 'breached' end
             when due_at <= ${now} then 'breached' else 'running' end as state
      from k
    ),
    ins as (
      insert into sla_clocks (referral_id, kind, state, priority, target, calendar, warn_percent, supervisor_after_percent, started_at,
                              warn_at, due_at, next_at, breached_at, met_at, stopped_at, updated_at)
      select id, kind, state, priority, target::jsonb, null, 75, 25, created_at,
        created_at + target_h * 0.75 * interval '1 hour', due_at,
        case when state = 'running' then due_at end,
        case when state = 'breached' or (state = 'met' and event_at > due_at) then due_at end,
        case when state in ('met', 'breached') then event_at end,
        case when state = 'stopped' then updated_at end,
        coalesce(event_at, updated_at)
      from s
      returning 1
    )
    select count(*)::int as n from ins`.execute(conn);
  return r.rows[0]!.n;
}

/**
 * Support (Art. 37) recorded on the batch's referrals that reached a first action: one to three regimes, essential
 * needs and psychological support most often, given within a week of the first action.
 */
export async function insertSupport(conn: Kysely<DB>, recordedBy: number, now: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    with s as (
      select r.id, r.first_action_at, g.i, random() as u_reg, random() as u_day
      from syn_refs r
      cross join lateral generate_series(1, case when random() + 0 * r.id < 0.5 then 1 when random() < 0.6 then 2 else 3 end) as g(i)
      where r.first_action_at is not null and r.agency_id is not null
      offset 0
    ),
    ins as (
      insert into referral_support (referral_id, regime, given_on, recorded_by, recorded_at)
      select id,
        case when u_reg < 0.30 then 'a' when u_reg < 0.45 then 'b' when u_reg < 0.48 then 'c' when u_reg < 0.58 then 'd' when u_reg < 0.62 then 'dd'
             when u_reg < 0.72 then 'e' when u_reg < 0.90 then 'g' when u_reg < 0.94 then 'h' when u_reg < 0.98 then 'i' else 'k' end,
        least(report_day(first_action_at) + floor(u_day * 7)::int, report_day(${now})),
        ${recordedBy}, least(first_action_at + floor(u_day * 7) * interval '1 day', ${now})
      from s
      returning 1
    )
    select count(*)::int as n from ins`.execute(conn);
  return r.rows[0]!.n;
}
