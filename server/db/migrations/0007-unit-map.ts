import { sql, type Kysely } from 'kysely';

/**
 * One map across the 2025 reform. The crosswalk (old commune → the 2025 commune(s) that took it over), a point per
 * unit, and two tables derived from them at import (server/domain/units/unit-map.ts), so routing, search and
 * statistics treat an old place and its successors as the same ground:
 * - unit_ground: every unit (either dataset) → the 2025 communes its ground lies in;
 * - unit_cover: unit → every unit whose ground contains all of it (its own ancestors always among them).
 * Agencies gain the dates they exist (district offices end on 30 June 2025) and the unit they sit in (distances).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('admin_units')
    .addColumn('lat', 'float8')
    .addColumn('lon', 'float8')
    .addColumn('area_km2', 'float8')
    // Derived at import: how many 2025 communes its ground spans; its display path; folded text for search.
    .addColumn('ground_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('path', 'text')
    .addColumn('search_name', 'text')
    .addColumn('search_path', 'text')
    .execute();

  await db.schema
    .createTable('admin_unit_successors')
    .addColumn('old_unit_id', 'integer', (c) => c.notNull().references('admin_units.id').onDelete('cascade'))
    .addColumn('new_unit_id', 'integer', (c) => c.notNull().references('admin_units.id').onDelete('cascade'))
    .addColumn('divided', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('admin_unit_successors_pkey', ['old_unit_id', 'new_unit_id'])
    .execute();
  await db.schema.createIndex('admin_unit_successors_new_idx').on('admin_unit_successors').column('new_unit_id').execute();

  // Derived tables, rebuilt whole from admin_units at each import: no foreign keys (checking 100k rows would cost
  // seconds of the start-up import, and nothing else writes them).
  await db.schema
    .createTable('unit_ground')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('commune_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_ground_pkey', ['unit_id', 'commune_id'])
    .execute();
  await db.schema.createIndex('unit_ground_commune_idx').on('unit_ground').columns(['commune_id', 'unit_id']).execute();

  await db.schema
    .createTable('unit_cover')
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('cover_id', 'integer', (c) => c.notNull())
    // The cover is the unit itself or one of its ancestors in its own dataset (not only the same ground).
    .addColumn('via_chain', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_cover_pkey', ['unit_id', 'cover_id'])
    .execute();
  await db.schema.createIndex('unit_cover_cover_idx').on('unit_cover').columns(['cover_id', 'unit_id']).execute();

  // What reference data was imported, so a start-up imports the bundled files only when they changed.
  await db.schema
    .createTable('reference_data')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .alterTable('agencies')
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('seat_unit_id', 'integer', (c) => c.references('admin_units.id'))
    .execute();
  await db.schema
    .alterTable('agencies')
    .addCheckConstraint('agencies_valid_range', sql`valid_from is null or valid_to is null or valid_from <= valid_to`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agencies').dropConstraint('agencies_valid_range').execute();
  await db.schema.alterTable('agencies').dropColumn('valid_from').dropColumn('valid_to').dropColumn('seat_unit_id').execute();
  for (const t of ['reference_data', 'unit_cover', 'unit_ground', 'admin_unit_successors']) await db.schema.dropTable(t).execute();
  await db.schema
    .alterTable('admin_units')
    .dropColumn('lat').dropColumn('lon').dropColumn('area_km2').dropColumn('ground_size')
    .dropColumn('path').dropColumn('search_name').dropColumn('search_path')
    .execute();
}
