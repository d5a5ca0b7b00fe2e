import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { REFORM_DAY } from './setup.js';

/** The instant the two-tier map took force (midnight in Viet Nam). */
const REFORM = `${REFORM_DAY}T00:00:00+07:00`;

export interface ContactBatch {
  n: number;
  /** Received between these instants, uniformly by day, mostly in daytime. */
  from: Date;
  to: Date;
  /** Share of contacts that are cases to refer (trafficking, suspected, other child protection). */
  caseShare: number;
  units2025: number;
  units2023: number;
}

/**
 * One batch of contacts, all wrapped up, with no personal data at all (no phone, handle, narrative, note).
 * Distributions (domain.md): most contacts are silent, hang-ups, pranks, information or counselling; cases are
 * 75 % other child protection, 15 % suspected and 10 % trafficking; trafficking victims are often abroad (Cambodia,
 * China, Laos, Myanmar) for labour in scam compounds, marriage or sexual exploitation. The cases are copied into
 * syn_cases for the next steps.
 */
export async function insertContacts(conn: Kysely<DB>, b: ContactBatch): Promise<number> {
  const spanSeconds = Math.max(1, Math.floor((b.to.getTime() - b.from.getTime()) / 1000));
  const r = await sql<{ n: number }>`
    with d as (
      select ${b.from}::timestamptz + make_interval(secs => floor(random() * ${spanSeconds}::float8)) as t0,
             random() as u_case, random() as u_cls, random() as u_ch, random() as u_ct, random() as u_loc, random() as u_set,
             random() as u_pick, random() as u_home, random() as u_pu, random() as u_pu2, random() as u_country, random() as u_danger,
             random() as u_dur, random() as u_hour, random() as u_wish, random() as u_consent
      from generate_series(1, ${b.n}) offset 0
    ),
    typed as (
      select d.*,
        -- Most calls come in the daytime: move the time of day toward 07:00–22:00 (local) for three in four.
        case when u_hour < 0.75 then least(${b.to}::timestamptz, date_trunc('day', t0 at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh'
                                     + make_interval(secs => 25200 + floor(random() * 54000)))
             else t0 end as received_at,
        case when u_ch < 0.70 then 'voice' when u_ch < 0.78 then 'app_111' when u_ch < 0.86 then 'zalo' when u_ch < 0.91 then 'facebook'
             when u_ch < 0.95 then 'sms' when u_ch < 0.97 then 'web_chat' when u_ch < 0.98 then 'whatsapp' when u_ch < 0.99 then 'email'
             else 'walk_in' end as channel,
        u_case < ${b.caseShare}::float8 as is_case,
        case when u_cls < 0.75 then 'other_child_protection' when u_cls < 0.90 then 'suspected_trafficking' else 'trafficking' end as case_class
      from d
    ),
    classified as (
      select t.*,
        case when is_case then case when u_ct < 0.6 then 'report' when u_ct < 0.95 then 'counselling' else 'information' end
             else case when u_ct < 0.27 then 'silent' when u_ct < 0.43 then 'hang_up' when u_ct < 0.54 then 'prank'
                       when u_ct < 0.59 then 'wrong_number' when u_ct < 0.87 then 'information' else 'counselling' end end as call_type,
        case when is_case then case_class else 'not_relevant' end as classification,
        case when u_pu < 0.55 then 'forced_labour' when u_pu < 0.70 then 'sexual_exploitation' when u_pu < 0.85 then 'forced_marriage'
             when u_pu < 0.90 then 'child_sale_adoption' when u_pu < 0.93 then 'forced_surrogacy' when u_pu < 0.95 then 'organ_removal'
             when u_pu < 0.97 then 'forced_begging' when u_pu < 0.99 then 'forced_criminality' else 'other_inhumane' end as p1
      from typed t
    ),
    located as (
      select c.*,
        case when classification in ('trafficking', 'suspected_trafficking')
               then case when u_loc < 0.45 then 'abroad' when u_loc < 0.95 then 'unit' else 'unknown' end
             when classification = 'other_child_protection' then case when u_loc < 0.92 then 'unit' else 'unknown' end
             when call_type in ('information', 'counselling') then case when u_loc < 0.15 then 'unit' else 'unknown' end
             else 'unknown' end as location_kind,
        case when u_country < 0.50 then 'KH' when u_country < 0.75 then 'CN' when u_country < 0.85 then 'LA' when u_country < 0.95 then 'MM'
             when u_country < 0.98 then 'TH' else 'MY' end as country,
        -- Before the reform every place was recorded on the old map; after it, callers still name an old place one time in six.
        case when received_at < ${REFORM}::timestamptz or u_set < 0.15 then '2023' else '2025' end as unit_set,
        case when received_at < ${REFORM}::timestamptz then 'before' else 'after' end as period
      from classified c
    ),
    rows as (
      select l.*,
        case when location_kind = 'unit' then (select unit_id from syn_units s where s.set = l.unit_set
             and s.idx = 1 + floor(l.u_pick * (case l.unit_set when '2023' then ${b.units2023}::int else ${b.units2025}::int end))::int) end as unit_id,
        -- Someone abroad is referred to the office of where they live (routing rule 4).
        case when location_kind = 'abroad' then (select unit_id from syn_units s where s.set = l.unit_set
             and s.idx = 1 + floor(l.u_home * (case l.unit_set when '2023' then ${b.units2023}::int else ${b.units2025}::int end))::int) end as home_id,
        case when channel in ('voice', 'walk_in') then 30 + floor(-ln(1 - u_dur) * (case when is_case then 900 else 150 end))::int end as duration
      from located l
    ),
    ins as (
      insert into contacts (channel, status, received_at, ended_at, closed_at, duration_seconds, call_status, call_type, classification,
                            purposes, indicators, needs, immediate_danger, location_kind, location_unit_id, location_country, home_unit_id, wishes, consent)
      select channel, 'closed', received_at, received_at + make_interval(secs => coalesce(duration, 300)),
             received_at + make_interval(secs => coalesce(duration, 300) + 60 + floor(u_dur * 540)),
             duration, case when channel = 'voice' then 'completed' end, call_type, classification,
             case when classification in ('trafficking', 'suspected_trafficking') then
               case when u_pu2 < 0.1 then array[p1, case when p1 = 'forced_labour' then 'sexual_exploitation' else 'forced_labour' end] else array[p1] end
             else '{}' end,
             case when classification in ('trafficking', 'suspected_trafficking') then array_remove(array[
               case when random() < (case p1 when 'forced_labour' then 0.7 else 0.1 end) then 'easy_job_high_pay' end,
               case when random() < (case p1 when 'forced_labour' then 0.6 else 0.2 end) then 'recruited_online' end,
               case when random() < (case p1 when 'sexual_exploitation' then 0.5 else 0.15 end) then 'deceptive_job_offer' end,
               case when random() < (case p1 when 'forced_marriage' then 0.8 else 0.02 end) then 'marriage_broker' end,
               case when random() < 0.15 then 'recruitment_debt' end,
               case when random() < (case location_kind when 'abroad' then 0.5 else 0.05 end) then 'irregular_border_crossing' end,
               case when random() < 0.3 then 'confinement' end,
               case when random() < (case p1 when 'forced_labour' then 0.5 else 0.2 end) then 'phone_confiscated' end,
               case when random() < 0.25 then 'passport_confiscated' end,
               case when random() < 0.15 then 'threats_to_family' end,
               case when random() < (case p1 when 'forced_labour' then 0.35 else 0.05 end) then 'ransom_demand' end,
               case when random() < 0.15 then 'debt_bondage' end,
               case when random() < 0.25 then 'violence' end,
               case when random() < (case p1 when 'forced_labour' then 0.5 else 0.05 end) then 'forced_work_quotas' end,
               case when random() < (case p1 when 'sexual_exploitation' then 0.7 else 0.02 end) then 'commercial_sex' end,
               case when random() < (case p1 when 'forced_marriage' then 0.7 else 0.01 end) then 'forced_marriage' end,
               case when random() < (case p1 when 'child_sale_adoption' then 0.8 else 0 end) then 'child_sold' end
             ], null) else '{}' end,
             case when is_case then array_remove(array[case when random() < 0.6 then 'a' end, case when random() < 0.3 then 'b' end,
               case when random() < 0.5 then 'g' end, case when random() < 0.2 then 'd' end], null) else '{}' end,
             is_case and u_danger < (case classification when 'trafficking' then 0.25 when 'suspected_trafficking' then 0.10 else 0.05 end),
             case when unit_id is null and location_kind = 'unit' then 'unknown' else location_kind end,
             unit_id, case when location_kind = 'abroad' then country end, home_id,
             case when is_case then case when u_wish < 0.5 then 'go_home' when u_wish < 0.65 then 'shelter' when u_wish < 0.75 then 'other' else 'unknown' end end,
             case when not is_case then 'none' when u_consent < 0.6 then 'victim' when u_consent < 0.85 then 'legal_representative' else 'none' end
      from rows
      returning id, classification, received_at, closed_at, location_kind, location_unit_id, home_unit_id, immediate_danger, wishes
    ),
    cases as (
      insert into syn_cases (contact_id, classification, received_at, closed_at, location_kind, location_unit_id, route_unit_id, period,
                             immediate_danger, wishes, province_code)
      select i.id, i.classification, i.received_at, i.closed_at, i.location_kind, i.location_unit_id, coalesce(i.location_unit_id, i.home_unit_id),
             case when i.received_at < ${REFORM}::timestamptz then 'before' else 'after' end, i.immediate_danger, i.wishes,
             (select province_code from syn_units s where s.unit_id = coalesce(i.location_unit_id, i.home_unit_id) limit 1)
      from ins i
      where i.classification <> 'not_relevant'
      returning 1
    )
    select count(*)::int as n from cases`.execute(conn);
  return r.rows[0]!.n;
}

