/** The domain: schemas and types of everything a review holds. Imports nothing else of ours. */
export * from './agency.ts';
export * from './chronology-entry.ts';
export * from './conversation.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './factor.ts';
export * from './finding.ts';
export * from './issue.ts';
export * from './kpe.ts';
export * from './meeting.ts';
export * from './participant.ts';
export * from './person.ts';
export * from './primitives.ts';
export * from './review.ts';
export * from './review-state.ts';
export * from './time-log.ts';
