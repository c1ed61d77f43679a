export * from './joint-case.js';
export * from './timeline.js';
export * from './meeting.vocabularies.js';
export * from './meeting.events.js';
export * from './meeting.commands.js';
export * from './meeting.state.js';
export { meetingDecider, meetingStreamId } from './meeting.decider.js';
export { parseMeetingCommand } from './meeting.parse.js';
export * from './case-party.js';
