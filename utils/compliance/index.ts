/** Forbidden-phrase checks (服务禁用语). Pure: no DOM, no browser APIs, no database. */
export {
  compileRules,
  firstPerCategory,
  type CheckRun,
  type CompileOptions,
  type Finding,
  type Matcher,
  type RuleCategory,
} from './matcher';
export { normalizeForMatch, normalizePhrase } from './normalize';
export { expandVariants, VARIANTS } from './variants';
export { complianceCategories, rulesVersion, type ComplianceCategory, type ComplianceRules } from './rules';
export { warningsByDay, warningsToCsv, type WarningCount, type WarningDayRow } from './stats';
