// A digest as data, with defaults, for view tests (no database).

import { calibration } from '../../../src/domain/digest/calibration.js';
import { digestLabels } from '../../../src/domain/digest/digest-labels.js';
import type { Digest } from '../../../src/domain/digest/digest-model.js';
import { digestPeriod } from '../../../src/domain/digest/period.js';
import { portfolioMix } from '../../../src/domain/digest/priority-flags.js';
import { exampleStrategy } from '../../support/example-strategy.js';

export function digestFixture(over: Partial<Digest> = {}): Digest {
  const s = exampleStrategy();
  return {
    version: 1,
    organisation: s.file.organisation.name,
    currency: 'EUR',
    labels: digestLabels(s),
    period: digestPeriod(new Date('2026-11-30T07:00:00.000Z'), 'Europe/Amsterdam'),
    asOf: '2026-11-30T07:00:10.000Z',
    thisWeek: {
      checks: { within_mandate: 3, escalate: 2, outside_strategy: 1, total: 6 },
      decisions: { approved: 1, rejected: 1, exceptionsGranted: 0, exceptionsRefused: 1, withdrawn: 0 },
      registered: 2,
      imported: 0,
      ended: 1,
      newRelationships: [
        {
          id: 1,
          partner: 'TU Delft',
          priority: 'energy-transition',
          intensity: 'project',
          budget: 8000,
          ownerId: 'u-anna',
          ownerName: 'Anna de Vries',
          unit: 'EK',
        },
        {
          id: 2,
          partner: null,
          priority: null,
          intensity: 'exchange',
          budget: 1000,
          ownerId: 'u-gijs',
          ownerName: 'Gijs Peters',
          unit: 'AT',
        },
      ],
      endedRelationships: [],
    },
    waiting: {
      total: 1,
      pastPassUp: 1,
      passUpAfterHours: 72,
      oldest: [
        {
          caseId: 7,
          kind: 'check',
          state: 'open',
          partner: null,
          priority: 'housing',
          ageHours: 100,
          atStepHours: 90,
          step: 0,
          stepRole: 'team-lead',
          holderId: 'u-bram',
          holderName: 'Bram Bakker',
          pastPassUp: true,
        },
      ],
    },
    portfolio: portfolioMix(
      [
        { priority: 'energy-transition', intensity: 'project', relationships: 9, budget: 90_000 },
        { priority: 'housing', intensity: 'exchange', relationships: 1, budget: 500 },
        { priority: 'health', intensity: 'programme', relationships: 4, budget: 200_000 },
        { priority: null, intensity: 'exchange', relationships: 1, budget: 1_000 },
      ],
      {
        priorities: [...s.priorities.values()].map((p) => ({ id: p.id, weight: p.weight })),
        intensities: s.intensityList.map((i) => i.id),
        exploration: s.exploration,
      },
    ),
    fragmentation: {
      partnersWithSeveral: 2,
      partners: [
        { partnerKey: 'gemeente gouda', partner: 'Gemeente Gouda', relationships: 3, units: 3, owners: 3 },
        { partnerKey: 'geheim', partner: null, relationships: 2, units: 2, owners: 2 },
      ],
      units: [{ unit: 'Energie en Klimaat', partners: 8, relationships: 9 }],
    },
    value: {
      reviewsInPeriod: 1,
      outcomes: { continue: 0, adjust: 1, end: 0 },
      averageRating: 3.5,
      reviewsDue: 4,
      neverReviewed: 10,
      reported: [
        {
          relationshipId: 3,
          partner: 'Deltares',
          outcome: 'adjust',
          rating: 4,
          delivered: 'Een model <b>&</b> een pilot',
          reviewerId: 'u-joost',
          at: '2026-11-25T10:00:00.000Z',
        },
      ],
    },
    calibration: calibration({
      windowWeeks: 12,
      themes: [{ priority: 'housing', checks: 4, escalated: 3, outsideStrategy: 0 }],
      ruleCounts: [{ code: 'budget_over_mandate', period: 2, window: 6 }],
      exceptionsGranted: 2,
      exceptionsRefused: 1,
      mandates: [{ role: 'employee', limit: 'budget', value: 10_000, overLimit: 6, nearLimit: 5 }],
    }),
    ...over,
  };
}
