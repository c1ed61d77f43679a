export { DEAD_LETTER_TOPIC, type DeadLetter, listDeadLetters, replayDeadLetters } from './dead-letters.js';
export { anyBrokerAnswers, createKafka } from './kafka.js';
export { KafkaMessagePublisher, type OutgoingMessage } from './publisher.js';
export { rebuildFromTopics } from './rebuild-from-topics.js';
export { type RelayProcess, startRelay } from './relay-process.js';
export { EventRelay } from './relay.js';
export { type LogReactorStatus } from './log-reactor.js';
export { SharedEvents } from './shared-events.service.js';
export { kafkaTopic } from './topics.js';
