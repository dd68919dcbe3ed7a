import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from '../../src/adapters/sql/database.js'
import { openDatabase } from '../../src/adapters/sql/open.js'

/** A database a contract suite runs against. */
export interface DatabaseUnderTest {
  name: 'sqlite' | 'mssql'
  open(): Promise<Database>
}

/**
 * Every adapter the contract suites run against: SQLite always (a fresh file per call);
 * SQL Server when MSSQL_URL is set (the GitHub workflow starts one).
 */
export function databasesUnderTest(): DatabaseUnderTest[] {
  const list: DatabaseUnderTest[] = [
    { name: 'sqlite', open: () => openDatabase(`sqlite:${join(mkdtempSync(join(tmpdir(), 'ms-db-')), 'test.db')}`) }
  ]
  const mssql = process.env.MSSQL_URL
  if (mssql) list.push({ name: 'mssql', open: () => openDatabase(mssql) })
  else if (!process.env.CI_QUIET) {
    process.stdout.write('SQL Server contract tests skipped: MSSQL_URL is not set\n')
  }
  return list
}
