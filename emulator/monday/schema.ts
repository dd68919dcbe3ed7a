/**
 * The emulator's SDL: a subset of monday's 2026-10 schema (every type, field and argument here
 * exists there with the same type; __tests__/emulator/schema-subset.test.ts proves it).
 */
import { buildSchema, type GraphQLSchema } from 'graphql'

const COLUMN_VALUE_FIELDS = `
  column: Column!
  id: ID!
  is_leaf: Boolean!
  text: String
  type: ColumnType!
  value: JSON`

export const EMULATOR_SDL = `
scalar JSON
scalar Date
scalar ISO8601DateTime
scalar CompareValue

type Query {
  boards(ids: [ID!], limit: Int = 25, page: Int = 1, state: State = active): [Board]
  items(exclude_nonactive: Boolean, ids: [ID!], limit: Int = 25, page: Int = 1): [Item]
  next_items_page(cursor: String!, limit: Int! = 25): ItemsResponse!
  items_page_by_column_values(board_id: ID!, columns: [ItemsPageByColumnValuesQuery!], cursor: String, limit: Int! = 25): ItemsResponse!
  complexity: Complexity
  me: User
  users(ids: [ID!], name: String, emails: [String!], limit: Int = 200, page: Int = 1, non_active: Boolean, newest_first: Boolean): [User!]
  tags(ids: [ID!]): [Tag]
  version: Version!
}

type Mutation {
  create_board(board_kind: BoardKind!, board_name: String!, description: String, empty: Boolean = false, workspace_id: ID): Board
  create_column(board_id: ID!, id: String, title: String!, description: String, after_column_id: ID, defaults: JSON, column_type: ColumnType!): Column
  create_group(board_id: ID!, group_color: String, group_name: String!, position: String, position_relative_method: PositionRelative, relative_to: String): Group
  create_item(board_id: ID!, column_values: JSON, create_labels_if_missing: Boolean, group_id: String, item_name: String!, position_relative_method: PositionRelative, relative_to: ID): Item
  create_subitem(column_values: JSON, create_labels_if_missing: Boolean, item_name: String!, parent_item_id: ID!): Item
  change_multiple_column_values(board_id: ID!, column_values: JSON!, create_labels_if_missing: Boolean, item_id: ID): Item
  change_simple_column_value(board_id: ID!, column_id: String!, create_labels_if_missing: Boolean, item_id: ID, value: String): Item
  change_column_value(board_id: ID!, column_id: String!, create_labels_if_missing: Boolean, item_id: ID, value: JSON!): Item
  move_item_to_group(group_id: String!, item_id: ID): Item
  archive_item(item_id: ID): Item
  duplicate_item(board_id: ID!, item_id: ID, with_updates: Boolean): Item
  delete_item(item_id: ID): Item
  create_or_get_tag(board_id: ID, tag_name: String): Tag
  complexity: Complexity
}

type Complexity {
  after: Int!
  before: Int!
  query: Int!
  reset_in_x_seconds: Int!
}

type User {
  id: ID!
  email: String!
  name: String!
}

type Version {
  display_name: String!
  kind: VersionKind!
  value: String!
}

enum VersionKind {
  current deprecated dev maintenance old__maintenance old_previous_maintenance previous_maintenance release_candidate
}
enum State { active all archived deleted }
enum BoardKind { private public share }
enum PositionRelative { after_at before_at }
enum ItemsQueryOperator { or and }
enum ItemsOrderByDirection { asc desc }
enum Kind { agent person team }
enum ItemsQueryRuleOperator {
  any_of not_any_of is_empty is_not_empty greater_than greater_than_or_equals lower_than
  lower_than_or_equal between not_contains_text contains_text starts_with ends_with
}
enum ColumnType {
  board_relation checkbox date dropdown email formula link long_text mirror name numbers people phone status
  subtasks tags text timeline
}

type Board {
  id: ID!
  name: String!
  board_kind: BoardKind!
  state: State!
  description: String
  items_count: Int
  columns(ids: [String], types: [ColumnType!]): [Column]
  groups(ids: [String]): [Group]
  items_page(cursor: String, limit: Int! = 25, query_params: ItemsQuery): ItemsResponse!
  top_group: Group!
  url: String!
  workspace_id: ID
}

type Group {
  id: ID!
  title: String!
  color: String!
  position: String!
  archived: Boolean
  deleted: Boolean
  items_page(cursor: String, limit: Int! = 25, query_params: ItemsQuery): ItemsResponse!
}

type Column {
  id: ID!
  title: String!
  description: String
  type: ColumnType!
  archived: Boolean!
  settings: JSON
  settings_str: String!
  width: Int
}

type ItemsResponse {
  cursor: String
  items: [Item!]!
}

type Item {
  id: ID!
  name: String!
  board: Board
  group: Group
  state: State
  column_values(ids: [String!], types: [ColumnType!]): [ColumnValue!]!
  subitems: [Item]
  parent_item: Item
  created_at: Date
  updated_at: Date
  creator_id: String!
  url: String!
}

interface ColumnValue {${COLUMN_VALUE_FIELDS}
}
type TextValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
}
type LongTextValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
}
type NumbersValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  number: Float
}
type StatusValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  index: Int
  label: String
  updated_at: Date
}
type DropdownValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  values: [DropdownValueOption!]!
}
type DropdownValueOption {
  id: ID!
  label: String!
}
type DateValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  date: String
  time: String
}
type PeopleValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  persons_and_teams: [PeopleEntity!]
  updated_at: Date
}
type PeopleEntity {
  id: ID!
  kind: Kind
}
type SubtasksValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  subitems_ids: [ID!]!
  display_value: String!
}
type CheckboxValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  checked: Boolean
  updated_at: Date
}
type EmailValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  email: String
  label: String
  updated_at: Date
}
type PhoneValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  phone: String
  country_short_name: String
  updated_at: Date
}
type LinkValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  url: String
  url_text: String
  updated_at: Date
}
type TimelineValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  from: Date
  to: Date
  updated_at: Date
}
type TagsValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  tag_ids: [Int!]!
  tags: [Tag!]!
}
type Tag {
  color: String!
  id: ID!
  name: String!
}
type BoardRelationValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  display_value: String!
  linked_item_ids: [ID!]!
  linked_items: [Item!]!
  updated_at: Date
}
type MirrorValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  display_value: String!
}
type FormulaValue implements ColumnValue {${COLUMN_VALUE_FIELDS}
  display_value: String!
}

input ItemsQuery {
  groups: [ItemsQueryGroup!]
  ids: [ID!]
  operator: ItemsQueryOperator = and
  order_by: [ItemsQueryOrderBy!]
  rules: [ItemsQueryRule!]
}
input ItemsQueryGroup {
  rules: [ItemsQueryRule!]
  groups: [ItemsQueryGroup!]
  operator: ItemsQueryOperator = and
}
input ItemsQueryRule {
  column_id: ID!
  compare_value: CompareValue!
  compare_attribute: String
  operator: ItemsQueryRuleOperator = any_of
}
input ItemsQueryOrderBy {
  column_id: String!
  direction: ItemsOrderByDirection = asc
}
input ItemsPageByColumnValuesQuery {
  column_id: String!
  column_values: [String]!
}
`

/**
 * The SDL served to `version`. Up to 2025-10 monday's schema has no `ColumnValue.is_leaf`, no
 * `Kind.agent`, and `users(emails: [String], limit: Int, page: Int): [User]` (schema-2025-10.graphql);
 * 2026-07 has today's shapes. Where 2026-01 and 2026-04 stand is not known: they get today's.
 */
export function emulatorSdl(version: string = CURRENT_SDL_VERSION): string {
  if (version > '2025-10') return EMULATOR_SDL
  return EMULATOR_SDL.replace(/\n {2}is_leaf: Boolean!/g, '')
    .replace('enum Kind { agent person team }', 'enum Kind { person team }')
    .replace(
      'users(ids: [ID!], name: String, emails: [String!], limit: Int = 200, page: Int = 1, non_active: Boolean, newest_first: Boolean): [User!]',
      'users(ids: [ID!], name: String, emails: [String], limit: Int, page: Int, non_active: Boolean, newest_first: Boolean): [User]'
    )
}

const CURRENT_SDL_VERSION = '2026-10'
const cached = new Map<boolean, GraphQLSchema>()

export function emulatorSchema(version: string = CURRENT_SDL_VERSION): GraphQLSchema {
  const old = version <= '2025-10'
  let schema = cached.get(old)
  if (schema === undefined) {
    schema = buildSchema(emulatorSdl(version))
    cached.set(old, schema)
  }
  return schema
}
