import { NotImplementedError } from '../../errors.js'
import type { Database } from './database.js'

/** SQL Server through mssql. (Placeholder until the SQL Server adapter lands.) */
export class MssqlDatabase {
  static connect(_url: string, setting: string): Promise<Database> {
    return Promise.reject(new NotImplementedError(`${setting}: the SQL Server adapter is not implemented yet`))
  }
}
