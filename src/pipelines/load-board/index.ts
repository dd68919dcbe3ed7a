export { runLoadBoard, type LoadBoardDeps, type LoadBoardOptions } from './run.js'
export {
  GraphqlBoardReader,
  BoardNotFoundError,
  type BoardReader,
  type MondayRequest,
  type WalkPage
} from './reader.js'
export { parseLoadBoardState, type BoardState, type LoadBoardState } from './state.js'
export type { BoardVerification } from './verify.js'
export type { RawItem, RawColumnValue } from './rows.js'
