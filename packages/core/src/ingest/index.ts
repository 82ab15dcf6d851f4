export { checkObservations, MIN_OBSERVATION_DATE, MAX_PROBLEMS } from './check-observations';
export {
  NameIndex,
  nameKey,
  editDistance,
  describeDistrict,
  describeIndicator,
  nameProblem,
  type NameMatch,
  type DistrictRef,
} from './names';
export {
  cellText,
  columnLetter,
  endOfMonth,
  excelSerialDate,
  isBlankCell,
  monthValueDate,
  parseNumberText,
  readDate,
  readMonth,
  readNumber,
  yearIn,
  type MonthRef,
  type Read,
  type SheetCell,
  type SheetGrid,
} from './cells';
export {
  readReport,
  type ReportContext,
  type ReportItem,
  type ReportProblem,
  type ReportReading,
  type SheetReading,
} from './forms';
export {
  plausibilityOf,
  screenValues,
  DEFAULT_MAX_JUMP_POINTS,
  DEFAULT_MAX_JUMP_PCT,
  type PlausibilitySettings,
  type ScreenedValue,
  type ScreenContext,
} from './plausibility';
