import { z } from 'zod';

export const CalendarDayDto = z.object({
  date: z.iso.date(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().nullable(),
});
export type CalendarDayDto = z.infer<typeof CalendarDayDto>;

export const SetCalendarDaysBody = z.object({
  days: z
    .array(
      z.object({
        date: z.iso.date(),
        kind: z.enum(['holiday', 'workday']),
        name: z.string().trim().max(32).optional(),
      }),
    )
    .min(1)
    .max(400),
});
export type SetCalendarDaysBody = z.infer<typeof SetCalendarDaysBody>;

export const PublishYearBody = z.object({ year: z.number().int().min(2000).max(2100) });

export const CalendarInfo = z.object({
  coveredYears: z.array(z.number().int()),
  days: z.array(CalendarDayDto),
});

export const DeadlineQuery = z.object({
  start: z.iso.datetime({ offset: true }),
  days: z.coerce.number().int().min(0).max(1000),
});
export const Deadline = z.object({ dueAt: z.string(), uncoveredYears: z.array(z.number().int()) });
