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
import { EMULATOR_SDL, emulatorSdl, startMondayEmulator } from '../../emulator/monday/index.js'
import { itWithMondaySchema } from '../helpers/monday-schema.js'
import { REAL_VERSIONS } from './real-schema.js'

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

/**
 * Schema coordinates added or fixed for monday's own clients (issue 13) and the sync (issue 18, item 6):
 * each must be served and must exist in monday's schema.
 */
const FIXED = [
  'Mutation.change_multiple_column_values',
  'Mutation.change_simple_column_value',
  'Mutation.change_column_value',
  'Mutation.move_item_to_group',
  'Mutation.archive_item',
  'Mutation.duplicate_item',
  'Query.items(exclude_nonactive)',
  'Query.users',
  'Query.users(emails)',
  'Query.tags',
  'Mutation.create_or_get_tag',
  'ColumnType.checkbox',
  'ColumnType.email',
  'ColumnType.phone',
  'ColumnType.link',
  'ColumnType.timeline',
  'ColumnType.tags',
  'ColumnType.board_relation',
  'ColumnType.mirror',
  'ColumnType.formula',
  'CheckboxValue.checked',
  'EmailValue.email',
  'EmailValue.label',
  'PhoneValue.phone',
  'PhoneValue.country_short_name',
  'LinkValue.url',
  'LinkValue.url_text',
  'TimelineValue.from',
  'TimelineValue.to',
  'TagsValue.tag_ids',
  'TagsValue.tags',
  'Tag.name',
  'BoardRelationValue.linked_item_ids',
  'BoardRelationValue.linked_items',
  'BoardRelationValue.display_value',
  'MirrorValue.display_value',
  'FormulaValue.display_value',
  'PeopleValue.persons_and_teams',
  'StatusValue.updated_at'
]

function hasCoordinate(schema: GraphQLSchema, coordinate: string): boolean {
  const [, typeName = '', fieldName = '', argName] = /^(\w+)\.(\w+)(?:\((\w+)\))?$/.exec(coordinate) ?? []
  const type = schema.getType(typeName)
  if (type === undefined || type === null) return false
  if (isEnumType(type)) return type.getValue(fieldName) != null
  if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false
  const field = type.getFields()[fieldName]
  if (field === undefined) return false
  return argName === undefined || ('args' in field && field.args.some(a => a.name === argName))
}

describe('emulator schema', () => {
  it('serves every coordinate fixed for monday clients', () => {
    const ours = buildSchema(EMULATOR_SDL)
    expect(FIXED.filter(c => !hasCoordinate(ours, c))).toEqual([])
  })

  itWithMondaySchema('every fixed coordinate exists in monday 2026-10', ({ schema: real }) => {
    expect(FIXED.filter(c => !hasCoordinate(real, c))).toEqual([])
  })

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

  for (const version of REAL_VERSIONS) {
    itWithMondaySchema(
      `serves each version its own subset: the ${version} SDL is a subset of monday ${version}`,
      ({ schema: real }) => {
        expect(problems(buildSchema(emulatorSdl(version)), real)).toEqual([])
        expect(FIXED.filter(c => !hasCoordinate(real, c))).toEqual([])
      },
      version
    )
  }

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
