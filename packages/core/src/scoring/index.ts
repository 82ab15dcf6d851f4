/**
 * The published scoring methodology: plan to date, indicator and district scores, status,
 * forecast, ranking and explanation. Pure functions; time and data are always parameters.
 */
export { METHODOLOGY_VERSION } from './methodology';
export { planToDate } from './plan';
export { periodValue, type DatedValue } from './period-value';
export { indicatorScore, planScale } from './indicator-score';
export { statusOf } from './status';
export { forecastEnd, FORECAST_MIN_POINTS } from './forecast';
export { scoreDistrict, type ScoreDistrictInput } from './district-score';
export { explainScore } from './explain';
export { onTrackNeeds, valueForScore } from './on-track-needs';
