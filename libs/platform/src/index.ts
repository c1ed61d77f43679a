/* eslint-disable @nx/enforce-module-boundaries -- temporary: the index of the platform before its split, kept
   so that code written meanwhile still compiles; imports move to the libs below, then this file goes. */
export * from '@pamoja/platform/config';
export * from '@pamoja/platform/auth';
export * from '@pamoja/platform/graphql';
export * from '@pamoja/platform/messaging';
export * from '@pamoja/platform/privacy';
export * from '@pamoja/platform/membership';
export * from '@pamoja/platform/policy';
export * from '@pamoja/platform/audit';
export * from '@pamoja/platform/store';
export * from '@pamoja/platform/kafka';
export * from '@pamoja/platform/runtime';
export * from './graphql/command-sender.js';
