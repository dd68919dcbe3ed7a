import type { ColumnSpec } from '../../emulator/monday/index.js'

/** The columns of the boards load-board's emulator tests and bench create: one of each type it reads. */
export const LOAD_BOARD_COLUMNS: ColumnSpec[] = [
  { title: 'Amount', type: 'numbers' },
  { title: 'Status', type: 'status' },
  { title: 'Due', type: 'date' },
  { title: 'Notes', type: 'long_text' },
  { title: 'Owner', type: 'people' },
  { title: 'Code', type: 'text' },
  { title: 'Tags', type: 'dropdown' }
]

/** A configuration file's text: `[environments.test]` then `[load_board]` with typed columns. */
export function loadBoardToml(
  environment: string[],
  loadBoard: string[],
  typed: { columnId: string; target: string; type: string }[]
): string {
  return [
    '[environments.test]',
    ...environment,
    '[load_board]',
    ...loadBoard,
    ...typed.flatMap(t => [
      '[[load_board.columns]]',
      `column_id = "${t.columnId}"`,
      `target = "${t.target}"`,
      `type = "${t.type}"`
    ])
  ].join('\n')
}
