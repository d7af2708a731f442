import { binaryRunRecordShape, finiteNumber, modelResultSchema } from '@lab/run-record';
import { z } from 'zod';

/**
 * The regularization experiment's run record (`kind: 'regularization'`): the general record of
 * binary classifiers (`binaryRunRecordShape`), with each model's published numbers when the data
 * is the course's file. Its schema lives here, with the experiment that writes it and the report
 * that reads it.
 */

/** The published numbers one model is compared against, when the data is the course's. */
export const publishedResultSchema = z.object({
  costAt0: finiteNumber,
  trainAccuracy: finiteNumber,
  testAccuracy: finiteNumber,
});

/** One model of the experiment: the general model result, and the course's numbers for it on the course's data. */
export const regularizationModelSchema = modelResultSchema.extend({
  published: publishedResultSchema.optional(),
  /**
   * The Frobenius norm ‖W_l‖ of each weight matrix after training, first layer first: L2's lesson
   * is smaller weights. Absent in records written before it was recorded.
   */
  weightNorms: z.array(finiteNumber.min(0)).optional(),
});

/**
 * The record of `lab experiment regularization`: one or more models of the same network. (Records
 * that `lab train` wrote before the `train` kind existed say `regularization` too, and are read as one.)
 */
export const regularizationRecordSchema = z.object({
  ...binaryRunRecordShape,
  kind: z.literal('regularization'),
  models: z.array(regularizationModelSchema).min(1),
});

export type PublishedResult = z.infer<typeof publishedResultSchema>;
export type RegularizationModel = z.infer<typeof regularizationModelSchema>;
export type RegularizationRecord = z.infer<typeof regularizationRecordSchema>;
