import { describe, expect, it } from '@jest/globals'
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLSchema
} from 'graphql'
import { EMULATOR_SDL, startMondayEmulator } from '../../emulator/monday/index.js'
import { itWithMondaySchema } from '../helpers/monday-schema.js'

function problems(ours: GraphQLSchema, real: GraphQLSchema): string[] {
  const out: string[] = []
  for (const type of Object.values(ours.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    const theirs: GraphQLNamedType | undefined = real.getType(type.name) ?? undefined
    if (theirs === undefined) {
      out.push(`type ${type.name} is not in the real schema`)
      continue
    }
    if (theirs.constructor !== type.constructor) out.push(`${type.name} is a different kind of type`)
    if (isScalarType(type)) continue
    if (isEnumType(type) && isEnumType(theirs)) {
      for (const v of type.getValues())
        if (theirs.getValue(v.name) == null) out.push(`enum value ${type.name}.${v.name} missing`)
      continue
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(theirs) || isInterfaceType(theirs))) {
      const realFields = theirs.getFields()
      for (const i of type.getInterfaces())
        if (!theirs.getInterfaces().some(t => t.name === i.name)) out.push(`${type.name} does not implement ${i.name}`)
      for (const field of Object.values(type.getFields())) {
        const r = realFields[field.name]
        if (r === undefined) {
          out.push(`field ${type.name}.${field.name} missing`)
          continue
        }
        if (String(r.type) !== String(field.type))
          out.push(`${type.name}.${field.name}: ${String(field.type)} ≠ ${String(r.type)}`)
        for (const arg of field.args) {
          const ra = r.args.find(a => a.name === arg.name)
          if (ra === undefined) out.push(`argument ${type.name}.${field.name}(${arg.name}) missing`)
          else if (String(ra.type) !== String(arg.type))
            out.push(`${type.name}.${field.name}(${arg.name}): ${String(arg.type)} ≠ ${String(ra.type)}`)
        }
      }
      continue
    }
    if (isInputObjectType(type) && isInputObjectType(theirs)) {
      const realFields = theirs.getFields()
      for (const field of Object.values(type.getFields())) {
        const r = realFields[field.name]
        if (r === undefined) out.push(`input field ${type.name}.${field.name} missing`)
        else if (String(r.type) !== String(field.type))
          out.push(`${type.name}.${field.name}: ${String(field.type)} ≠ ${String(r.type)}`)
      }
    }
  }
  return out
}

describe('emulator schema', () => {
  it('is served at GET /v2/get_schema', async () => {
    const emu = await startMondayEmulator()
    try {
      const res = await fetch(`${emu.url}/get_schema?format=sdl&version=2026-10`)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(EMULATOR_SDL)
    } finally {
      await emu.close()
    }
  })

  itWithMondaySchema(
    'is a subset of monday 2026-10: every type, field and argument exists with the same type',
    ({ schema: real }) => {
      const ours = buildSchema(EMULATOR_SDL)
      expect(problems(ours, real)).toEqual([])
      expect(Object.keys(ours.getTypeMap()).filter(n => !n.startsWith('__')).length).toBeGreaterThan(30)
    }
  )

  itWithMondaySchema('the checker notices a field that monday does not have', ({ schema: real }) => {
    const bad = buildSchema(
      'type Query { boards(ids: [Int]): [Board] nope: String } type Board { id: ID! made_up: Int }'
    )
    expect(problems(bad, real)).toEqual([
      'Query.boards(ids): [Int] ≠ [ID!]',
      'field Query.nope missing',
      'field Board.made_up missing'
    ])
  })
})
