import { afterEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseSqlServerUrl, passwordOfUrl, redactUrl, withPassword } from '../../src/adapters/sql/database-url.js'
import { parseMssqlUrl } from '../../src/adapters/sql/mssql-config.js'
import { chooseDatabaseUrl, resolveDatabaseUrl } from '../../src/config/database.js'
import { isConfigError } from '../../src/errors.js'
import { SecretRegistry, secrets } from '../../src/redaction.js'
import { SPECIALS, passwords } from '../helpers/passwords.js'

const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}

afterEach(() => secrets.clear())

describe('SQL Server URL, parsed structurally', () => {
  it.each(SPECIALS)('a password with %j, percent-encoded, reaches the driver unchanged', c => {
    const password = `Pw${c}x${c}1%41`
    const config = parseMssqlUrl(`mssql://sync:${encodeURIComponent(password)}@db.example:1433/orders`)
    expect(config).toMatchObject({ user: 'sync', password, server: 'db.example', port: 1433, database: 'orders' })
  })

  it.each(SPECIALS.filter(c => c !== '%'))('a password with %j written as is still parses', c => {
    const password = `Pw${c}x${c}1`
    const config = parseMssqlUrl(`mssql://sync:${password}@db.example/orders`)
    // %XX is the URL's own escape; every other character is taken as written
    expect(config.password).toBe(password)
    expect(config.server).toBe('db.example')
  })

  it('an Azure SQL login user@server keeps its user and password apart', () => {
    const config = parseMssqlUrl('mssql://sync@myserver:p@ss:w0rd@myserver.database.windows.net/orders?encrypt=true')
    expect(config).toMatchObject({
      user: 'sync@myserver',
      password: 'p@ss:w0rd',
      server: 'myserver.database.windows.net',
      database: 'orders'
    })
    const encoded = parseMssqlUrl('mssql://sync%40myserver:p%40ss@myserver.database.windows.net/orders')
    expect(encoded).toMatchObject({ user: 'sync@myserver', password: 'p@ss' })
  })

  it('a stray % is a ConfigError naming the setting and the fix, never a bare URIError, never the password', () => {
    const e = thrown(() => parseMssqlUrl('mssql://sync:50%off-SECRET@db/orders', 'environments.prod.database_url'))
    expect(isConfigError(e)).toBe(true)
    expect(String(e)).toMatch(/environments\.prod\.database_url.*%25.*database_password/)
    expect(String(e)).not.toMatch(/off-SECRET/)
  })

  it('named instances: host\\instance and ?instanceName=, never together with a port', () => {
    expect(parseMssqlUrl('mssql://sa:x@db.example\\SQLEXPRESS/orders')).toMatchObject({
      server: 'db.example',
      options: { instanceName: 'SQLEXPRESS' }
    })
    expect(parseMssqlUrl('mssql://sa:x@db.example%5CSQLEXPRESS/orders').options?.instanceName).toBe('SQLEXPRESS')
    const byOption = parseMssqlUrl('mssql://sa:x@db.example/orders?instanceName=SQL2')
    expect(byOption.options?.instanceName).toBe('SQL2')
    expect(byOption.port).toBeUndefined()
    expect(String(thrown(() => parseMssqlUrl('mssql://sa:x@db\\SQL2:1433/orders', 'DATABASE_URL')))).toMatch(
      /DATABASE_URL: give a port or a named instance/
    )
  })

  it('encrypt=strict (TDS 8), timeouts, pool size and unknown options', () => {
    const config = parseMssqlUrl(
      'mssql://sa:x@db/orders?Encrypt=strict&requestTimeout=0&connectTimeout=5000&poolMax=3&applicationName=erp-sync'
    )
    expect(config.options).toMatchObject({ encrypt: 'strict', appName: 'erp-sync' })
    expect(config).toMatchObject({ requestTimeout: 0, connectionTimeout: 5000, pool: { max: 3 } })
    expect(parseMssqlUrl('mssql://sa:x@db/orders', 'u', { poolMax: 12 }).pool?.max).toBe(12)
    expect(parseMssqlUrl('mssql://sa:x@db/orders').options).toMatchObject({
      encrypt: true,
      trustServerCertificate: false
    })
    expect(
      String(thrown(() => parseMssqlUrl('mssql://sa:x@db/orders?trustservercertficate=true', 'DATABASE_URL')))
    ).toMatch(/DATABASE_URL: unknown option \?trustservercertficate=.*trustServerCertificate/)
    expect(String(thrown(() => parseMssqlUrl('mssql://sa:x@db/orders?poolMax=0', 'DATABASE_URL')))).toMatch(/poolMax/)
  })

  it('IPv6 hosts and sqlserver:// URLs', () => {
    expect(parseMssqlUrl('sqlserver://sa:x@[::1]:1444/orders')).toMatchObject({ server: '::1', port: 1444 })
    expect(parseSqlServerUrl('mssql://db.example', 'u')).toMatchObject({ host: 'db.example', user: undefined })
  })
})

describe('redaction of database URLs', () => {
  it.each([
    ['mssql://sync@myserver:p@ss@myserver.database.windows.net/orders', 'p@ss'],
    ['mssql://sync:p@ss@db/orders', 'p@ss'],
    ['mssql://sync:a/b#c?d@db/orders', 'a/b#c?d'],
    ['mssql://sync:p%40ss%2F1@db/orders', 'p@ss/1']
  ])('%s shows no part of its password', (url, password) => {
    const shown = redactUrl(url)
    expect(shown).toMatch(/:\*\*\*@/)
    for (const part of [password, encodeURIComponent(password), password.slice(1), password.slice(0, -1)]) {
      expect(shown).not.toContain(`:${part}`)
    }
    expect(shown.endsWith('/orders')).toBe(true)
    expect(passwordOfUrl(url)).toBe(password)
  })

  it('ADO-style strings too', () => {
    expect(redactUrl('Server=db;User Id=sa;Password=s3cret;')).toBe('Server=db;User Id=sa;Password=***;')
  })

  it('masks every spelling of a registered secret: encoded, decoded, JSON- and HTML-escaped', () => {
    const registry = new SecretRegistry()
    const secret = 'p@ss"<w0rd>/%41'
    registry.add(secret)
    const texts = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify({ secret }),
      'p@ss&quot;&lt;w0rd&gt;/%41',
      'p@ss"<w0rd>/A',
      new URLSearchParams({ secret }).toString()
    ]
    for (const text of texts) expect(registry.redact(`before ${text} after`)).not.toMatch(/w0rd/)
    expect(registry.redactValue({ deep: [{ note: `x ${secret} y` }] })).toEqual({ deep: [{ note: 'x *** y' }] })
  })
})

describe('passwords substituted into database_url and given on their own', () => {
  const env = { DB_PASSWORD: 'Pa%41ss/w#rd?@:' }

  it('a ${DB_PASSWORD} reference is percent-encoded inside a SQL Server URL, so %41 stays %41', () => {
    const url = resolveDatabaseUrl(
      'mssql://sync:${DB_PASSWORD}@db.example/orders',
      'environments.prod.database_url',
      env
    )
    expect(parseMssqlUrl(url).password).toBe('Pa%41ss/w#rd?@:')
    // a whole URL from one variable, and a SQLite path, are taken as they are
    expect(resolveDatabaseUrl('${U}', 'k', { U: 'mssql://a:b@c/d' })).toBe('mssql://a:b@c/d')
    expect(resolveDatabaseUrl('sqlite:${DIR}/db.sqlite', 'k', { DIR: '/tmp/a b' })).toBe('sqlite:/tmp/a b/db.sqlite')
  })

  it('database_password / DATABASE_PASSWORD is put into a URL that names only the user', () => {
    const file = { url: 'mssql://sync@db.example/orders', password: 'from-file:@/', at: 'environments.prod' }
    expect(parseMssqlUrl(chooseDatabaseUrl({ env: {}, file, fallback: 'sqlite:x' })).password).toBe('from-file:@/')
    const fromEnv = chooseDatabaseUrl({ env: { DATABASE_PASSWORD: 'env%pw' }, file, fallback: 'sqlite:x' })
    expect(parseMssqlUrl(fromEnv).password).toBe('env%pw')
    // DATABASE_URL replaces the file's database settings, password included
    const whole = chooseDatabaseUrl({ env: { DATABASE_URL: 'mssql://u:own@h/d' }, file, fallback: 'sqlite:x' })
    expect(parseMssqlUrl(whole).password).toBe('own')
    // SQLite needs no password
    expect(chooseDatabaseUrl({ env: { DATABASE_PASSWORD: 'pw' }, fallback: 'sqlite:x.db' })).toBe('sqlite:x.db')
  })

  it('a password given twice, or with no user to go with, names both settings', () => {
    const twice = thrown(() =>
      chooseDatabaseUrl({
        env: { DATABASE_PASSWORD: 'pw-SECRET' },
        file: { url: 'mssql://u:in-url@h/d', at: 'environments.prod' },
        fallback: ''
      })
    )
    expect(String(twice)).toMatch(
      /environments\.prod\.database_url with DATABASE_PASSWORD: the password is given twice/
    )
    expect(String(twice)).not.toMatch(/SECRET|in-url/)
    expect(String(thrown(() => withPassword('mssql://h/d', 'pw', 'DATABASE_URL with DATABASE_PASSWORD')))).toMatch(
      /names no user/
    )
  })
})

describe('property: any password survives the URL and never shows', () => {
  const password = passwords(40)

  it('encoded into the URL, substituted by reference, or given on its own: parsed back exactly, redacted whole', () => {
    fc.assert(
      fc.property(password, fc.constantFrom('sync', 'sync@myserver'), (pw, user) => {
        secrets.clear()
        const host = 'db.example'
        const urls = [
          `mssql://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@${host}/orders`,
          resolveDatabaseUrl(`mssql://${user}:\${P}@${host}/orders`, 'k', { P: pw }),
          chooseDatabaseUrl({
            env: { DATABASE_PASSWORD: pw },
            file: { url: `mssql://${user}@${host}/orders`, at: 'e' },
            fallback: ''
          })
        ]
        for (const url of urls) {
          const config = parseMssqlUrl(url)
          expect(config.password).toBe(pw)
          expect(config.user).toBe(user)
          expect(config.server).toBe(host)
          const shown = redactUrl(url)
          expect(shown).not.toContain(pw)
          expect(shown).not.toContain(encodeURIComponent(pw))
        }
      }),
      { seed: 19_2026, numRuns: 150 }
    )
  })
})
