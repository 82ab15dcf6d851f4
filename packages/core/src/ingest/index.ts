export { checkObservations, MIN_OBSERVATION_DATE, MAX_PROBLEMS } from './check-observations';
