// The scheduler: node-schedule timers per job, catch-up of missed slots, battery, removable disks, pause.
export { Scheduler } from './scheduler.js';
export type { ScheduleTrigger, SchedulerOptions, SchedulerPorts, WaitingReason } from './types.js';
export { cronOf, describeSchedule, presetCron, presetTable, type SchedulePreset } from './presets.js';
export { lastSlot, nextSlot } from './slots.js';
