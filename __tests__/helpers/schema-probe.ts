// Run only by monday-schema.test.ts, in a child jest: a schema test for a version that exists nowhere.
import { expect } from '@jest/globals'
import { itWithMondaySchema } from './monday-schema.js'

itWithMondaySchema('probe', ({ schema }) => expect(schema.getQueryType()).toBeDefined(), '1999-01')
